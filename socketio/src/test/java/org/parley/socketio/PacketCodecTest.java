package org.parley.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.socketio.engine.OutboundFrame;
import tools.jackson.databind.node.ArrayNode;

class PacketCodecTest {

    private final PacketDecoder decoder = new PacketDecoder(10);

    private static ArrayNode array(Object... values) {
        return Namespace.argsArray(values);
    }

    @Test
    void encodesTheExamplesOfTheSpecification() {
        assertThat(PacketEncoder.encode(new SocketPacket.Connect("/", null)).text()).isEqualTo("0");
        assertThat(PacketEncoder.encode(new SocketPacket.Connect("/admin",
                PacketJson.NODES.objectNode().put("sid", "oSO0OpakMV_3jnilAAAA"))).text())
                .isEqualTo("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
        assertThat(PacketEncoder.encode(new SocketPacket.ConnectError("/",
                PacketJson.NODES.objectNode().put("message", "Not authorized"))).text())
                .isEqualTo("4{\"message\":\"Not authorized\"}");
        assertThat(PacketEncoder.encode(new SocketPacket.Event("/", array("foo"), SocketPacket.NO_ACK)).text())
                .isEqualTo("2[\"foo\"]");
        assertThat(PacketEncoder.encode(new SocketPacket.Event("/admin", array("bar"), SocketPacket.NO_ACK)).text())
                .isEqualTo("2/admin,[\"bar\"]");
        assertThat(PacketEncoder.encode(new SocketPacket.Event("/", array("foo"), 12)).text())
                .isEqualTo("212[\"foo\"]");
        assertThat(PacketEncoder.encode(new SocketPacket.Ack("/admin", array("bar"), 13)).text())
                .isEqualTo("3/admin,13[\"bar\"]");
        assertThat(PacketEncoder.encode(new SocketPacket.Disconnect("/admin")).text()).isEqualTo("1/admin,");
    }

    record Note(long id, String text, List<String> tags) {}

    record Blob(String name, byte[] data) {}

    @Test
    void eventsWithoutBinaryAreWrittenAsTheTreePathWouldWriteThem() {
        Object[] args = {new Note(7, "héllo \"✓\"", List.of("a", "b")), java.util.Map.of("seq", 3L), 1.5, null, true};
        String viaTree = PacketEncoder.encode(new SocketPacket.Event("/chat",
                Namespace.eventData("note", args).add("offset-1"), 9)).text();
        assertThat(PacketEncoder.event("/chat", 9, "note", args, "offset-1").text()).isEqualTo(viaTree)
                .isEqualTo("2/chat,9[\"note\",{\"id\":7,\"text\":\"héllo \\\"✓\\\"\",\"tags\":[\"a\",\"b\"]},"
                        + "{\"seq\":3},1.5,null,true,\"offset-1\"]");
        assertThat(PacketEncoder.ack("/", 4, new Object[] {java.util.Map.of("ok", true)}).text())
                .isEqualTo("34[{\"ok\":true}]");
    }

    @Test
    void binaryAnywhereInTheArgumentsStillBecomesAttachments() {
        EncodedPacket nested = PacketEncoder.event("/", SocketPacket.NO_ACK, "file",
                new Object[] {new Blob("a.bin", new byte[] {5, 6})}, null);
        assertThat(nested.text()).isEqualTo("51-[\"file\",{\"name\":\"a.bin\",\"data\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(((OutboundFrame.Binary) nested.frames().get(1)).data()).containsExactly(5, 6);

        EncodedPacket inMap = PacketEncoder.ack("/", 2, new Object[] {java.util.Map.of("raw", java.nio.ByteBuffer.wrap(new byte[] {1}))});
        assertThat(inMap.text()).isEqualTo("61-2[{\"raw\":{\"_placeholder\":true,\"num\":0}}]");

        EncodedPacket tree = PacketEncoder.event("/", SocketPacket.NO_ACK, "relay",
                new Object[] {java.util.Map.of("signal", PacketJson.NODES.objectNode().put("bin", new byte[] {7}))}, null);
        assertThat(tree.text()).isEqualTo("51-[\"relay\",{\"signal\":{\"bin\":{\"_placeholder\":true,\"num\":0}}}]");
    }

    @Test
    void extractsBinaryAttachmentsIntoFollowingFrames() {
        EncodedPacket packet = PacketEncoder.encode(new SocketPacket.Event("/admin",
                array("baz", new byte[] {1, 2}, new byte[] {3, 4}), SocketPacket.NO_ACK));
        assertThat(packet.text()).isEqualTo(
                "52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        assertThat(packet.frames()).hasSize(3);
        assertThat(((OutboundFrame.Binary) packet.frames().get(1)).data()).containsExactly(1, 2);
        assertThat(((OutboundFrame.Binary) packet.frames().get(2)).data()).containsExactly(3, 4);

        EncodedPacket ack = PacketEncoder.encode(new SocketPacket.Ack("/", array("bar", new byte[] {1}), 15));
        assertThat(ack.text()).isEqualTo("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]");
    }

    @Test
    void decodesWhatItEncodes() throws Exception {
        SocketPacket original = new SocketPacket.Event("/chat",
                array("send", PacketJson.toNode(java.util.Map.of("text", "héllo ✓")), new byte[] {9, 8}), 42);
        EncodedPacket encoded = PacketEncoder.encode(original);
        assertThat(decoder.onText(encoded.text())).isNull();
        assertThat(decoder.awaitingAttachments()).isTrue();
        SocketPacket decoded = decoder.onBinary(((OutboundFrame.Binary) encoded.frames().get(1)).data());
        assertThat(decoded).isInstanceOf(SocketPacket.Event.class);
        SocketPacket.Event event = (SocketPacket.Event) decoded;
        assertThat(event.namespace()).isEqualTo("/chat");
        assertThat(event.ackId()).isEqualTo(42);
        assertThat(event.name()).isEqualTo("send");
        assertThat(event.data().get(1).get("text").stringValue()).isEqualTo("héllo ✓");
        assertThat(event.data().get(2).binaryValue()).containsExactly(9, 8);
    }

    @Test
    void decodesConnectVariants() throws Exception {
        assertThat(decoder.onText("0")).isEqualTo(new SocketPacket.Connect("/", null));
        assertThat(decoder.onText("0/random")).isEqualTo(new SocketPacket.Connect("/random", null));
        SocketPacket.Connect withAuth = (SocketPacket.Connect) decoder.onText("0/custom,{\"token\":\"abc\"}");
        assertThat(withAuth.namespace()).isEqualTo("/custom");
        assertThat(withAuth.data().get("token").stringValue()).isEqualTo("abc");
        assertThat(decoder.onText("1/custom,")).isEqualTo(new SocketPacket.Disconnect("/custom"));
    }

    @Test
    void rejectsMalformedPackets() {
        List<String> malformed = List.of(
                "",                                   // nothing
                "abc",                                // unknown type
                "7[\"x\"]",                           // unknown type
                "2{}",                                // payload not an array
                "2[]",                                // no event name
                "2[1]",                               // event name not a string
                "2[\"disconnect\"]",                  // reserved event name
                "2",                                  // event without payload
                "2abc[\"message\"]",                  // bad ack id
                "21234567890123456[\"message\"]",     // ack id too large
                "2[\"message\"",                      // truncated JSON
                "2[\"message\"]]",                    // trailing garbage
                "2[\"message\"] extra",               // trailing garbage
                "2[\"n\", 1e99999999999999999999999999999999999999999999999999999999999999999]", // huge number
                "2[\"n\"," + "9".repeat(200) + "]",   // huge integer
                "2[\"n\"," + "[".repeat(200) + "]".repeat(200) + "]", // deep nesting
                "3[\"no id\"]",                       // ack without id
                "312{}",                              // ack payload not an array
                "0[\"array\"]",                       // connect payload not an object
                "0\"text\"",                          // connect payload not an object
                "1[\"x\"]",                           // disconnect with payload
                "012{}",                              // connect with ack id
                "5[\"x\"]",                           // binary event without attachment count
                "5x-[\"x\"]",                         // non-numeric attachment count
                "511-[\"x\"]",                        // too many attachments
                "51234-[\"x\"]",                      // absurd attachment count
                "2/" + "n".repeat(300) + ",[\"x\"]"); // namespace too long
        for (String text : malformed) {
            assertThatThrownBy(() -> new PacketDecoder(10).onText(text))
                    .as(text.length() > 60 ? text.substring(0, 60) : text)
                    .isInstanceOf(InvalidPacketException.class);
        }
    }

    @Test
    void rejectsPlaceholderAbuse() throws Exception {
        List<String> abusive = List.of(
                "51-[\"x\",{\"_placeholder\":true,\"num\":1}]",      // out of range
                "51-[\"x\",{\"_placeholder\":true,\"num\":-1}]",     // negative
                "51-[\"x\",{\"_placeholder\":true,\"num\":\"0\"}]",  // not a number
                "51-[\"x\",{\"_placeholder\":true,\"num\":0.5}]",    // not an integer
                "51-[\"x\",{\"_placeholder\":true}]",                // no num
                "51-[\"x\",{\"_placeholder\":true,\"num\":99999999999999}]"); // huge
        for (String text : abusive) {
            PacketDecoder fresh = new PacketDecoder(10);
            assertThat(fresh.onText(text)).isNull();
            assertThatThrownBy(() -> fresh.onBinary(new byte[] {1})).as(text)
                    .isInstanceOf(InvalidPacketException.class);
        }
        assertThatThrownBy(() -> new PacketDecoder(10).onText("50-[\"x\",{\"_placeholder\":true,\"num\":0}]"))
                .isInstanceOf(InvalidPacketException.class);
    }

    @Test
    void rejectsAttachmentsOutOfSequence() throws Exception {
        assertThatThrownBy(() -> new PacketDecoder(10).onBinary(new byte[] {1}))
                .isInstanceOf(InvalidPacketException.class);
        PacketDecoder waiting = new PacketDecoder(10);
        waiting.onText("52-[\"x\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        waiting.onBinary(new byte[] {1});
        assertThatThrownBy(() -> waiting.onText("2[\"interleaved\"]")).isInstanceOf(InvalidPacketException.class);
    }

    @Test
    void placeholdersInPlainEventsStayPlainObjects() throws Exception {
        SocketPacket.Event event = (SocketPacket.Event) decoder.onText("2[\"x\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(event.data().get(1).isObject()).isTrue();
    }
}
