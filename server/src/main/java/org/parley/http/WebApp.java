package org.parley.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves the built web app from the classpath ({@code /public}): hashed assets cached for a year,
 * everything else revalidated, and {@code index.html} for any other page path (client routing).
 */
final class WebApp {
    private static final String ROOT = "/public";
    private static final byte[] INDEX = load(ROOT + "/index.html");

    private WebApp() {}

    static boolean isBuilt() {
        return INDEX != null;
    }

    static void install(JavalinConfig config) {
        if (!isBuilt()) return;
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = ROOT + "/assets";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
        });
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = ROOT;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
            files.mimeTypes.add("application/manifest+json", "webmanifest");
        });
    }

    /** The page for a GET that matched no route and no file. */
    static void fallback(Context ctx) {
        if (INDEX == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8")
                    .result("The web app is not part of this build. Build with ./mvnw package (Node.js 20+ needed).");
            return;
        }
        ctx.status(200).header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(INDEX);
    }

    private static byte[] load(String resource) {
        try (InputStream in = WebApp.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
