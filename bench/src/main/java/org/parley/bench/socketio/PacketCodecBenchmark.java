package org.parley.bench.socketio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.socketio.engine.EnginePacket;
import org.parley.socketio.engine.EnginePacketCodec;
import org.parley.socketio.engine.MalformedPacketException;
import org.parley.socketio.engine.OutboundFrame;
import org.parley.socketio.EncodedPacket;
import org.parley.socketio.InvalidPacketException;
import org.parley.socketio.PacketDecoder;
import org.parley.socketio.PacketEncoder;
import org.parley.socketio.PacketJson;
import org.parley.socketio.SocketPacket;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encode and decode cost of typical chat packets: a {@code receive_message} broadcast, a
 * {@code send_message} with an acknowledgement, a file chunk with a binary attachment, and a
 * polling payload of several packets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacketCodecBenchmark {

    private SocketPacket.Event receiveMessage;
    private SocketPacket.Event fileChunk;
    private String sendMessageText;
    private String fileChunkHeader;
    private byte[] fileChunkBytes;
    private List<OutboundFrame> pollingFrames;
    private byte[] pollingBody;

    @Setup
    public void setUp() {
        ObjectNode sender = PacketJson.NODES.objectNode().put("id", 42).put("username", "alice");
        ObjectNode message = PacketJson.NODES.objectNode()
                .put("id", 981_223).put("roomId", 12).put("seq", 5_120)
                .put("content", "Lunch at noon? The new place on the corner has a vegetarian menu, "
                        + "and I booked a table for six people near the window. 🍜")
                .put("clientId", "c-7f3a9e21").put("createdAt", "2026-01-01T12:00:00.000Z");
        message.set("sender", sender);
        message.set("replyTo", PacketJson.NODES.nullNode());
        receiveMessage = new SocketPacket.Event("/", array("receive_message", message), SocketPacket.NO_ACK);

        sendMessageText = "217[\"send_message\",{\"roomId\":12,\"content\":\"Lunch at noon? The new place on the "
                + "corner has a vegetarian menu.\",\"clientId\":\"c-7f3a9e21\"}]";

        fileChunkBytes = new byte[4096];
        for (int i = 0; i < fileChunkBytes.length; i++) {
            fileChunkBytes[i] = (byte) i;
        }
        fileChunk = new SocketPacket.Event("/", array("file_chunk", PacketJson.NODES.objectNode()
                .put("uploadId", "u-1").put("offset", 65_536), PacketJson.NODES.binaryNode(fileChunkBytes)), 18);
        fileChunkHeader = PacketEncoder.encode(fileChunk).text();

        pollingFrames = new ArrayList<>();
        EncodedPacket broadcast = PacketEncoder.encode(receiveMessage);
        for (int i = 0; i < 8; i++) {
            pollingFrames.addAll(broadcast.frames());
        }
        pollingFrames.add(new OutboundFrame.Text("2"));
        pollingBody = EnginePacketCodec.encodePayload(pollingFrames).getBytes(StandardCharsets.UTF_8);
    }

    private static ArrayNode array(Object... values) {
        ArrayNode array = PacketJson.NODES.arrayNode(values.length);
        for (Object value : values) {
            array.add(PacketJson.toNode(value));
        }
        return array;
    }

    @Benchmark
    public EncodedPacket encodeReceiveMessageBroadcast() {
        return PacketEncoder.encode(receiveMessage);
    }

    @Benchmark
    public SocketPacket decodeSendMessageWithAck() throws InvalidPacketException {
        return new PacketDecoder(10).onText(sendMessageText);
    }

    @Benchmark
    public EncodedPacket encodeBinaryFileChunk() {
        return PacketEncoder.encode(fileChunk);
    }

    @Benchmark
    public SocketPacket decodeBinaryFileChunk() throws InvalidPacketException {
        PacketDecoder decoder = new PacketDecoder(10);
        decoder.onText(fileChunkHeader);
        return decoder.onBinary(fileChunkBytes);
    }

    @Benchmark
    public String encodePollingPayload() {
        return EnginePacketCodec.encodePayload(pollingFrames);
    }

    @Benchmark
    public List<EnginePacket> decodePollingPayload() throws MalformedPacketException {
        return EnginePacketCodec.decodePayload(pollingBody);
    }
}
