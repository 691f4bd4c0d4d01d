package org.parley.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;

/**
 * Through the shipped nginx in front of three nodes: when the operator stops nodes, nginx passes
 * over them, so every request still gets its answer and every socket that reconnects lands on a
 * node that is up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyFailoverTest {
    private final Topology topology = Topology.start(3).withNginx();
    private final ProxyClients clients = new ProxyClients(topology.nginx().certificate());
    private final ApiClient api = new ApiClient(topology.publicUrl(), clients.http());

    @AfterAll
    void stop() {
        topology.close();
    }

    private ChatSocket connect(Account who) {
        return ChatSocket.connect(topology.publicUrl(), who.accessToken(), clients.okHttp());
    }

    @Test
    void stoppedNodesArePassedOverAndSocketsReconnectToTheNodeLeft() {
        Account ann = Accounts.register(api, "ann"), bob = Accounts.register(api, "bob");
        long roomId = api.post("/api/rooms", Map.of("name", "Failover", "memberIds", List.of(bob.id())),
                ann.accessToken()).json().path("id").asLong();
        try (ChatSocket annSocket = connect(ann); ChatSocket bobSocket = connect(bob)) {
            bobSocket.call("send_message", Map.of("roomId", roomId, "content", "before"));
            annSocket.awaitFirst("receive_message", m -> m.path("content").asString().equals("before"));
        }

        topology.node(1).stop();
        topology.node(2).stop();
        for (int i = 0; i < 20; i++) {
            var me = api.get("/api/me", ann.accessToken());
            assertThat(me.status()).as("request %d through the proxy with two of three nodes stopped: %s", i, me.text())
                    .isEqualTo(200);
        }
        try (ChatSocket annSocket = connect(ann); ChatSocket bobSocket = connect(bob)) {
            var ack = bobSocket.call("send_message", Map.of("roomId", roomId, "content", "after"));
            assertThat(ack.has("ok")).as(ack.toString()).isTrue();
            annSocket.awaitFirst("receive_message", m -> m.path("content").asString().equals("after"));
        }
        var history = api.get("/api/rooms/" + roomId + "/messages", ann.accessToken()).json().path("messages");
        assertThat(history.findValuesAsString("content")).contains("before", "after");
    }
}
