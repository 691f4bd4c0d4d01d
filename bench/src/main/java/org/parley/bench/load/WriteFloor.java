package org.parley.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of a delivery on this machine: one pre-encoded WebSocket text frame (a
 * {@code receive_message} of about 300 bytes) written to N loopback sockets with plain NIO, first
 * one write per frame, then four frames per write (what a server can do when frames queue). A
 * reader thread drains the client ends. Reported: CPU of the writing thread per delivery (the
 * server's side; on loopback the kernel's receive work runs there too), and deliveries per second.
 * <pre>
 *   java -cp bench/target/load-classes org.parley.bench.load.WriteFloor [--sockets 1000 --deliveries 400000 --out F]
 * </pre>
 */
public final class WriteFloor {
    private WriteFloor() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int sockets = Integer.parseInt(opts.getOrDefault("sockets", "1000"));
        long deliveries = Long.parseLong(opts.getOrDefault("deliveries", "400000"));
        byte[] frame = frame();

        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0), sockets);
            List<SocketChannel> clients = new ArrayList<>();
            List<SocketChannel> servers = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                SocketChannel c = SocketChannel.open(listener.getLocalAddress());
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                clients.add(c);
                SocketChannel s = listener.accept();
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                servers.add(s);
            }
            AtomicLong received = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread reader = Thread.ofPlatform().name("floor-reader").start(() -> drain(clients, received, stop));

            Report report = new Report();
            report.put("scenario", "writefloor").put("sockets", sockets).put("frameBytes", frame.length)
                    .put("startedAt", java.time.Instant.now().toString());
            run(servers, frame, 1, deliveries / 4, received); // warm-up
            Map<String, Object> single = run(servers, frame, 1, deliveries, received);
            Map<String, Object> batched = run(servers, frame, 4, deliveries, received);
            report.put("oneFramePerWrite", single).put("fourFramesPerWrite", batched);
            stop.set(true);
            reader.join(5000);
            for (SocketChannel c : clients) c.close();
            for (SocketChannel s : servers) s.close();
            System.err.printf("floor: %d sockets, %d-byte frame: %.2f us/delivery one per write, %.2f us/delivery four per write%n",
                    sockets, frame.length, single.get("cpuMicrosPerDelivery"), batched.get("cpuMicrosPerDelivery"));
            if (opts.containsKey("out")) report.write(java.nio.file.Path.of(opts.get("out")));
            System.out.println(Report.toJson(report.root, 0));
        }
    }

    /** Writes {@code deliveries} frames round-robin over the sockets, {@code perWrite} frames in each write. */
    private static Map<String, Object> run(List<SocketChannel> servers, byte[] frame, int perWrite, long deliveries, AtomicLong received)
            throws Exception {
        ByteBuffer source = ByteBuffer.allocateDirect(frame.length * perWrite);
        for (int i = 0; i < perWrite; i++) source.put(frame);
        source.flip();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long want = received.get() + deliveries * frame.length;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long done = 0;
        long writes = 0;
        while (done < deliveries) {
            for (SocketChannel s : servers) {
                ByteBuffer b = source.duplicate();
                while (b.hasRemaining()) {
                    s.write(b); // blocking: a full socket buffer waits, it does not spin
                    writes++;
                }
                done += perWrite;
                if (done >= deliveries) break;
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (received.get() < want && System.nanoTime() < deadline) Thread.onSpinWait();
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> out = Report.obj();
        out.put("framesPerWrite", perWrite);
        out.put("deliveries", done);
        out.put("writeCalls", writes);
        out.put("seconds", secs);
        out.put("deliveriesPerSecond", done / secs);
        out.put("cpuMicrosPerDelivery", cpu / 1000.0 / done);
        return out;
    }

    private static void drain(List<SocketChannel> clients, AtomicLong received, AtomicBoolean stop) {
        try (Selector selector = Selector.open()) {
            for (SocketChannel c : clients) {
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ);
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            while (!stop.get()) {
                if (selector.select(100) == 0) continue;
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    int n;
                    while ((n = ((SocketChannel) k.channel()).read(buf.clear())) > 0) received.addAndGet(n);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unmasked server-to-client text frame carrying a typical receive_message event. */
    static byte[] frame() {
        String message = "42[\"receive_message\",{\"id\":123456,\"roomId\":42,\"seq\":9876,\"rev\":10234,\"kind\":\"text\","
                + "\"content\":\"L 1234567890123456 see you at the stand-up in five minutes\",\"sender\":{\"id\":777,"
                + "\"username\":\"b1x2y3_777\",\"displayName\":\"b1x2y3_777\"},\"clientId\":\"c123456\",\"replyTo\":null,"
                + "\"createdAt\":1795946697591,\"editedAt\":null,\"deletedAt\":null,\"reactions\":[],\"attachments\":[]}]";
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.put((byte) 0x81).put((byte) 126).putShort((short) payload.length).put(payload);
        return b.array();
    }
}
