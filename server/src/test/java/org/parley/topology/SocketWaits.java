package org.parley.topology;

import java.util.List;
import org.parley.testkit.ChatSocket;
import tools.jackson.databind.JsonNode;

/** Waits on a socket longer than {@link ChatSocket#WAIT}, for what a fault takes to heal. */
final class SocketWaits {
    private SocketWaits() {}

    /** The first {@code event} the socket receives within {@code millis}; fails past that. */
    static JsonNode next(ChatSocket socket, String event, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            List<JsonNode> got = socket.drain(event);
            if (!got.isEmpty()) return got.getFirst();
            Ports.sleep(50);
        }
        throw new AssertionError("no " + event + " within " + millis + " ms");
    }

    /** Whether a {@code receive_message} with this seq arrives within {@code millis}. */
    static boolean receives(ChatSocket socket, long seq, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode m : socket.drain("receive_message")) if (m.path("seq").asLong() == seq) return true;
            Ports.sleep(50);
        }
        return false;
    }
}
