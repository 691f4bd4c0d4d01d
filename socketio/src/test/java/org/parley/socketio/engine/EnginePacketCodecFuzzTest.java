package org.parley.socketio.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the Engine.IO codec: any WebSocket text frame and any polling body
 * either decodes or is refused with {@link MalformedPacketException}, nothing else. Without
 * {@code JAZZER_FUZZ=1} it replays the inputs in its resource folder (a regression run).
 */
class EnginePacketCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesAnyFrameOrPollingBody(FuzzedDataProvider data) {
        try {
            if (data.consumeBoolean()) {
                EnginePacketCodec.decodeText(data.consumeRemainingAsString());
            } else {
                EnginePacketCodec.decodePayload(data.consumeRemainingAsBytes());
            }
        } catch (MalformedPacketException refused) {
            // the connection is closed as a protocol error: the expected outcome for junk
        }
    }
}
