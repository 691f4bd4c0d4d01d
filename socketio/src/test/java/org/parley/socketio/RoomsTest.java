package org.parley.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Room membership and broadcasts with exceptions, observed by raw clients. */
class RoomsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static RawWebSocket join(GatewayTestServer server, String... rooms) throws Exception {
        RawWebSocket ws = RawWebSocket.connect(server.port(), "/socket.io/?EIO=4&transport=websocket");
        ws.readText(WAIT);
        ws.sendText("40");
        ws.readText(WAIT);
        for (String room : rooms) {
            ws.sendText("421[\"join\",\"" + room + "\"]");
            assertThat(ws.readText(WAIT)).isEqualTo("431[]");
        }
        return ws;
    }

    private static String idOf(RawWebSocket ws) throws Exception {
        ws.sendText("422[\"whoami\"]");
        String answer = ws.readText(WAIT);
        return answer.substring("432[\"".length(), answer.length() - 2);
    }

    @Test
    void broadcastsReachRoomMembersExceptTheExcluded() throws Exception {
        SocketIoConfig config = SocketIoConfig.defaults().withRecovery(SocketIoConfig.RecoveryConfig.disabled());
        try (GatewayTestServer server = GatewayTestServer.socketIo(config, io -> {
            Namespace main = io.namespace("/");
            main.on("join", (socket, args, ack) -> {
                socket.join(args.string(0));
                ack.send();
            });
            main.on("leave", (socket, args, ack) -> {
                socket.leave(args.string(0));
                ack.send(socket.rooms().contains(args.string(0)));
            });
            main.on("whoami", (socket, args, ack) -> ack.send(socket.id()));
        });
                RawWebSocket a = join(server, "red");
                RawWebSocket b = join(server, "red", "blue");
                RawWebSocket c = join(server, "blue");
                RawWebSocket d = join(server)) {
            Namespace main = server.io().namespace("/");
            String bId = idOf(b);

            assertThat(main.to("red", "blue").except(bId).emit("hello", "rooms")).isEqualTo(2);
            assertThat(main.emit("marker", 1)).isEqualTo(4);
            assertThat(a.readText(WAIT)).isEqualTo("42[\"hello\",\"rooms\"]");
            assertThat(c.readText(WAIT)).isEqualTo("42[\"hello\",\"rooms\"]");
            assertThat(b.readText(WAIT)).as("excluded").isEqualTo("42[\"marker\",1]");
            assertThat(d.readText(WAIT)).as("in no room").isEqualTo("42[\"marker\",1]");
            assertThat(a.readText(WAIT)).isEqualTo("42[\"marker\",1]");
            assertThat(c.readText(WAIT)).isEqualTo("42[\"marker\",1]");

            assertThat(main.to("red").except("blue").emit("only-red")).isEqualTo(1);
            assertThat(a.readText(WAIT)).isEqualTo("42[\"only-red\"]");

            b.sendText("423[\"leave\",\"red\"]");
            assertThat(b.readText(WAIT)).isEqualTo("433[false]");
            assertThat(main.socketsIn("red")).hasSize(1);
            assertThat(main.to(bId).emit("direct", new byte[] {7})).isEqualTo(1);
            assertThat(b.readText(WAIT)).isEqualTo("451-[\"direct\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(b.read(WAIT).payload()).containsExactly(7);
        }
    }

    @Test
    void listenersHearARoomsFirstSocketArriveAndItsLastLeave() throws Exception {
        SocketIoConfig config = SocketIoConfig.defaults().withRecovery(SocketIoConfig.RecoveryConfig.disabled());
        java.util.List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (GatewayTestServer server = GatewayTestServer.socketIo(config, io -> {
            Namespace main = io.namespace("/");
            main.onRoomChange(new RoomListener() {
                @Override
                public void roomCreated(String room) {
                    if (room.startsWith("topic")) changes.add("+" + room);
                }

                @Override
                public void roomDeleted(String room) {
                    if (room.startsWith("topic")) changes.add("-" + room);
                }
            });
            main.on("join", (socket, args, ack) -> {
                socket.join(args.string(0));
                ack.send();
            });
            main.on("leave", (socket, args, ack) -> {
                socket.leave(args.string(0));
                ack.send(socket.rooms().contains(args.string(0)));
            });
        })) {
            RawWebSocket a = join(server, "topic-red", "topic-blue");
            RawWebSocket b = join(server, "topic-red");
            assertThat(changes).containsExactly("+topic-red", "+topic-blue");

            a.sendText("423[\"leave\",\"topic-red\"]");
            assertThat(a.readText(WAIT)).isEqualTo("433[false]");
            assertThat(changes).as("b is still in red").containsExactly("+topic-red", "+topic-blue");

            b.sendText("424[\"leave\",\"topic-red\"]");
            assertThat(b.readText(WAIT)).isEqualTo("434[false]");
            assertThat(changes).containsExactly("+topic-red", "+topic-blue", "-topic-red");

            a.close();
            Waits.until(WAIT, () -> changes.size() == 4);
            assertThat(changes).as("a disconnecting empties blue").containsExactly(
                    "+topic-red", "+topic-blue", "-topic-red", "-topic-blue");
            b.close();
        }
    }

    @Test
    void aLargeRoomsBroadcastsFollowItsMembersComingAndGoing() throws Exception {
        SocketIoConfig config = SocketIoConfig.defaults().withRecovery(SocketIoConfig.RecoveryConfig.disabled());
        java.util.List<RawWebSocket> members = new java.util.ArrayList<>();
        try (GatewayTestServer server = GatewayTestServer.socketIo(config, io -> {
            Namespace main = io.namespace("/");
            main.on("join", (socket, args, ack) -> {
                socket.join(args.string(0));
                ack.send();
            });
            main.on("whoami", (socket, args, ack) -> ack.send(socket.id()));
            main.on("leave", (socket, args, ack) -> {
                socket.leave(args.string(0));
                ack.send(socket.rooms().contains(args.string(0)));
            });
        })) {
            int size = RoomRegistry.SNAPSHOT_MIN_MEMBERS + 4;
            for (int i = 0; i < size; i++) {
                members.add(join(server, "big"));
            }
            Namespace main = server.io().namespace("/");
            assertThat(main.to("big").emit("first")).isEqualTo(size);
            assertThat(main.to("big").emit("second")).isEqualTo(size);
            for (RawWebSocket member : members) {
                assertThat(member.readText(WAIT)).isEqualTo("42[\"first\"]");
                assertThat(member.readText(WAIT)).isEqualTo("42[\"second\"]");
            }

            RawWebSocket leaver = members.getFirst();
            leaver.sendText("423[\"leave\",\"big\"]");
            assertThat(leaver.readText(WAIT)).isEqualTo("433[false]");
            RawWebSocket newcomer = join(server, "big");
            RawWebSocket disconnected = members.getLast();
            disconnected.close();
            Waits.until(WAIT, () -> main.socketsIn("big").size() == size - 1);

            assertThat(main.to("big").emit("third")).isEqualTo(size - 1);
            assertThat(newcomer.readText(WAIT)).isEqualTo("42[\"third\"]");
            for (RawWebSocket member : members.subList(1, size - 1)) {
                assertThat(member.readText(WAIT)).isEqualTo("42[\"third\"]");
            }
            assertThat(main.to(idOf(leaver)).emit("direct")).as("the leaver heard nothing of the room since").isEqualTo(1);
            assertThat(leaver.readText(WAIT)).isEqualTo("42[\"direct\"]");
            newcomer.close();
        } finally {
            for (RawWebSocket member : members) {
                member.close();
            }
        }
    }
}
