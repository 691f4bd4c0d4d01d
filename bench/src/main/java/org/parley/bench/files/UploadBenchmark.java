package org.parley.bench.files;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.parley.Parley;
import org.parley.config.ConfigLoader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upload benchmark: one node in this JVM on SQLite and the local store in a temporary directory.
 * (1) one upload of {@code --mib} MiB in a single tus PATCH against {@code dd} writing the same
 * size to the same directory with fsync; (2) the heap during four such uploads at once, sampled
 * every 20 ms (run with a small -Xmx to show it stays flat); (3) time from an image upload's
 * last byte to its thumbnail, per megapixel. Options: --mib N (default 1024), --dir PATH.
 */
public final class UploadBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        long mib = 1024;
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mib" -> mib = Long.parseLong(args[++i]);
                case "--dir" -> base = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory(base, "parley-files-bench-");
        long bytes = mib * 1024 * 1024;
        var config = ConfigLoader.load(List.of("--host", "127.0.0.1", "--port", "0", "--data-dir", dir.toString(),
                "--upload-max-bytes", Long.toString(bytes), "--upload-quota-bytes", Long.toString(bytes * 8),
                "--uploads-per-minute", "1000", "--registrations-per-address-per-hour", "1000"), Map.of());
        try (Parley node = Parley.start(config, Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + node.port();
            String token = register(url);
            System.out.printf("files benchmark: %d MiB, directory %s, %d cores, max heap %d MiB%n", mib, dir,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

            upload(url, token, "warmup.bin", 64L * 1024 * 1024);
            long t0 = System.nanoTime();
            upload(url, token, "one.bin", bytes);
            double upSeconds = (System.nanoTime() - t0) / 1e9;
            double dd = ddSeconds(dir, mib);
            System.out.printf("throughput: upload %.2f s (%.0f MiB/s), dd conv=fsync %.2f s (%.0f MiB/s)%n",
                    upSeconds, mib / upSeconds, dd, mib / dd);
            Files.walk(dir.resolve("files/blobs")).filter(Files::isRegularFile).forEach(p -> p.toFile().delete());

            System.gc();
            long baseline = used();
            AtomicLong peak = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().start(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(used(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long t1 = System.nanoTime();
            try (var pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String name = "parallel-" + i + ".bin";
                    long size = bytes;
                    all.add(pool.submit(() -> upload(url, token, name, size)));
                }
                for (Future<?> f : all) f.get();
            }
            double parSeconds = (System.nanoTime() - t1) / 1e9;
            sampling.set(false);
            sampler.join();
            System.out.printf("4 parallel uploads of %d MiB: %.2f s (%.0f MiB/s together); heap used %d MiB before, "
                    + "peak %d MiB during%n", mib, parSeconds, 4 * mib / parSeconds, baseline >> 20, peak.get() >> 20);

            for (int mp : new int[] {1, 4, 12, 24}) {
                int w = (int) Math.round(Math.sqrt(mp * 1e6 * 4 / 3));
                int h = (int) Math.round(w * 3.0 / 4);
                byte[] jpeg = image(w, h);
                long best = Long.MAX_VALUE;
                for (int round = 0; round < 3; round++) {
                    String id = upload(url, token, "photo-" + mp + ".jpg", jpeg);
                    long start = System.nanoTime();
                    while (!get(url + "/api/files/" + id, token).has("thumbnailUrl")) Thread.sleep(2);
                    best = Math.min(best, System.nanoTime() - start);
                }
                System.out.printf("thumbnail of a %d MP JPEG (%dx%d, %d KiB): %.0f ms, %.1f ms per megapixel%n",
                        mp, w, h, jpeg.length >> 10, best / 1e6, best / 1e6 / mp);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double ddSeconds(Path dir, long mib) throws Exception {
        Path out = dir.resolve("dd.bin");
        long t = System.nanoTime();
        Process p = new ProcessBuilder("dd", "if=/dev/zero", "of=" + out, "bs=1M", "count=" + mib, "conv=fsync")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IllegalStateException("dd failed");
        double s = (System.nanoTime() - t) / 1e9;
        Files.delete(out);
        return s;
    }

    private static String register(String url) throws Exception {
        String name = "bench" + System.nanoTime() % 1_000_000;
        var body = JSON.writeValueAsString(Map.of("username", name, "email", name + "@example.com",
                "password", "benchmark password"));
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("accessToken").asString();
    }

    private static String create(String url, String token, String name, long size) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/uploads")).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", Long.toString(size))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString(name.getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("create " + r.statusCode() + " " + r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** Streams {@code size} generated bytes in one PATCH; the client never holds them whole either. */
    private static String upload(String url, String token, String name, long size) throws Exception {
        String location = create(url, token, name, size);
        var body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new Pattern(size)), size);
        return patch(url, token, location, body);
    }

    private static String upload(String url, String token, String name, byte[] bytes) throws Exception {
        String location = create(url, token, name, bytes.length);
        return patch(url, token, location, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private static String patch(String url, String token, String location, HttpRequest.BodyPublisher body)
            throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(url + location)).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream").method("PATCH", body).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) throw new IllegalStateException("patch " + r.statusCode() + " " + r.body());
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static JsonNode get(String url, String token) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static byte[] image(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, w, h, Color.BLUE));
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /** A stream of {@code size} bytes of a repeating pattern, generated as it is read. */
    private static final class Pattern extends InputStream {
        private long left;

        Pattern(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) return -1;
            left--;
            return (int) (left & 0x7f);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) return -1;
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) b[off + i] = (byte) ((left - i) & 0x7f);
            left -= n;
            return n;
        }
    }
}
