package org.parley.socketio;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the Socket.IO packet decoder: any text and binary messages, in any
 * order, either decode or are refused with {@link InvalidPacketException}; nothing else escapes
 * (the connection would otherwise fail with an unexpected error instead of a protocol close).
 * Without {@code JAZZER_FUZZ=1} it replays the inputs in its resource folder (a regression run).
 */
class PacketDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesAnyMessages(FuzzedDataProvider data) {
        PacketDecoder decoder = new PacketDecoder(data.consumeInt(0, 12));
        int messages = data.consumeInt(1, 4);
        for (int i = 0; i < messages && data.remainingBytes() > 0; i++) {
            try {
                if (decoder.awaitingAttachments() && data.consumeBoolean()) {
                    decoder.onBinary(data.consumeBytes(64));
                } else {
                    String text = i == messages - 1 ? data.consumeRemainingAsString() : data.consumeString(512);
                    SocketPacket packet = decoder.onText(text);
                    if (packet != null) PacketEncoder.encode(packet);
                }
            } catch (InvalidPacketException refused) {
                return;
            }
        }
    }
}
