package org.parley.http;

import io.javalin.config.JavalinConfig;

/** A feature's contribution to the HTTP server: routes, WebSocket endpoints, filters. */
@FunctionalInterface
public interface RouteInstaller {
    void install(JavalinConfig config);
}
