package org.parley.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnginePacketCodecTest {

    @Test
    void decodesEachPacketType() throws Exception {
        assertThat(EnginePacketCodec.decodeText("1")).isEqualTo(new EnginePacket.Close());
        assertThat(EnginePacketCodec.decodeText("2probe")).isEqualTo(new EnginePacket.Ping("probe"));
        assertThat(EnginePacketCodec.decodeText("3")).isEqualTo(new EnginePacket.Pong(""));
        assertThat(EnginePacketCodec.decodeText("4héllo")).isEqualTo(new EnginePacket.TextMessage("héllo"));
        assertThat(EnginePacketCodec.decodeText("5")).isEqualTo(new EnginePacket.Upgrade());
        assertThat(EnginePacketCodec.decodeText("6")).isEqualTo(new EnginePacket.Noop());
    }

    @Test
    void rejectsUnknownTypesAndOddHeartbeats() {
        for (String bad : List.of("", "0{}", "7", "abc", "x4", "2ping", "3pong")) {
            assertThatThrownBy(() -> EnginePacketCodec.decodeText(bad))
                    .as(bad).isInstanceOf(MalformedPacketException.class);
        }
    }

    @Test
    void splitsPollingPayloadsAndDecodesBase64() throws Exception {
        List<EnginePacket> packets = EnginePacketCodec.decodePayload(
                "4hello\u001ebAQIDBA==\u001e3".getBytes(StandardCharsets.UTF_8));
        assertThat(packets).hasSize(3);
        assertThat(packets.get(0)).isEqualTo(new EnginePacket.TextMessage("hello"));
        assertThat(((EnginePacket.BinaryMessage) packets.get(1)).data()).containsExactly(1, 2, 3, 4);
        assertThat(packets.get(2)).isEqualTo(new EnginePacket.Pong(""));
    }

    @Test
    void toleratesLineBreaksInBase64() throws Exception {
        List<EnginePacket> packets = EnginePacketCodec.decodePayload("bAQID\n".getBytes(StandardCharsets.UTF_8));
        assertThat(((EnginePacket.BinaryMessage) packets.getFirst()).data()).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsMalformedPayloads() {
        List<byte[]> bad = List.of(
                new byte[0],
                "4a\u001e".getBytes(StandardCharsets.UTF_8),
                "\u001e4a".getBytes(StandardCharsets.UTF_8),
                "b!!notbase64".getBytes(StandardCharsets.UTF_8),
                "4truncated\u001e9".getBytes(StandardCharsets.UTF_8),
                new byte[] {'4', (byte) 0xC3, (byte) 0x28},
                new byte[] {'4', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {'4', (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        for (byte[] body : bad) {
            assertThatThrownBy(() -> EnginePacketCodec.decodePayload(body))
                    .isInstanceOf(MalformedPacketException.class);
        }
    }

    @Test
    void encodesPayloadsWithSeparatorAndBase64Binary() {
        String payload = EnginePacketCodec.encodePayload(List.of(
                new OutboundFrame.Text("4hello"),
                new OutboundFrame.Binary(new byte[] {1, 2, 3, 4}),
                new OutboundFrame.Text("2")));
        assertThat(payload).isEqualTo("4hello\u001ebAQIDBA==\u001e2");
    }

    @Test
    void textFrameSizeCountsUtf8Bytes() {
        assertThat(new OutboundFrame.Text("4abc").size()).isEqualTo(4);
        assertThat(new OutboundFrame.Text("4€").size()).isEqualTo(4);
    }

    @Test
    void encodesServerPackets() {
        assertThat(EnginePacketCodec.encodeText(new EnginePacket.Open("{\"sid\":\"x\"}"))).isEqualTo("0{\"sid\":\"x\"}");
        assertThat(EnginePacketCodec.encodeText(new EnginePacket.Pong("probe"))).isEqualTo("3probe");
        assertThat(EnginePacketCodec.encodeText(new EnginePacket.Noop())).isEqualTo("6");
        assertThatThrownBy(() -> EnginePacketCodec.encodeText(new EnginePacket.BinaryMessage(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
