package org.parley.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    private static final OutboundFrame TEN_BYTES = new OutboundFrame.Text("4123456789");

    @Test
    void refusesBatchesBeyondTheCountBound() {
        OutboundQueue queue = new OutboundQueue(3, 1_000);
        assertThat(queue.offer(List.of(TEN_BYTES, TEN_BYTES))).isTrue();
        assertThat(queue.offer(List.of(TEN_BYTES, TEN_BYTES))).isFalse();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.offer(List.of(TEN_BYTES))).isTrue();
    }

    @Test
    void refusesBatchesBeyondTheByteBoundAndFreesBytesOnPoll() {
        OutboundQueue queue = new OutboundQueue(100, 25);
        assertThat(queue.offer(List.of(TEN_BYTES, TEN_BYTES))).isTrue();
        assertThat(queue.offer(List.of(TEN_BYTES))).isFalse();
        assertThat(queue.poll()).isSameAs(TEN_BYTES);
        assertThat(queue.offer(List.of(TEN_BYTES))).isTrue();
    }

    @Test
    void drainTakesAtLeastOneFrameThenWhatFitsTheBudget() {
        OutboundQueue queue = new OutboundQueue(100, 1_000);
        queue.offer(List.of(TEN_BYTES, TEN_BYTES, TEN_BYTES));
        assertThat(queue.drain(5)).hasSize(1);
        assertThat(queue.drain(22)).hasSize(2);
        assertThat(queue.isEmpty()).isTrue();
    }
}
