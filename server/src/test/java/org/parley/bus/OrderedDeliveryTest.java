package org.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Events of one topic are delivered in order, one at a time; a topic whose subscriber is busy does not hold up another. */
class OrderedDeliveryTest {

    @Test
    void eachTopicInOrderAndABusyTopicHoldsUpNoOther() throws Exception {
        try (OrderedDelivery delivery = new OrderedDelivery(2)) {
            long slowRoom = 1;
            long otherRoom = roomOnOtherLane(delivery, slowRoom);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch otherArrived = new CountDownLatch(1);
            Map<Long, List<Long>> seen = new ConcurrentHashMap<>();
            delivery.subscribe(event -> {
                if (!(event instanceof BusEvent.MessageCreated m)) return;
                seen.computeIfAbsent(m.roomId(), r -> java.util.Collections.synchronizedList(new ArrayList<>())).add(m.seq());
                if (m.roomId() == slowRoom && m.seq() == 1) await(release);
                if (m.roomId() == otherRoom && m.seq() == 500) otherArrived.countDown();
            });
            for (long seq = 1; seq <= 500; seq++) {
                delivery.deliver(message(slowRoom, seq));
                delivery.deliver(message(otherRoom, seq));
            }
            assertThat(otherArrived.await(10, TimeUnit.SECONDS)).as("the other room is delivered while the first waits").isTrue();
            assertThat(seen.get(slowRoom)).containsExactly(1L);
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.get(slowRoom).size() < 500 && System.nanoTime() < deadline) Thread.sleep(10);
            List<Long> expected = new ArrayList<>();
            for (long seq = 1; seq <= 500; seq++) expected.add(seq);
            assertThat(seen.get(slowRoom)).containsExactlyElementsOf(expected);
            assertThat(seen.get(otherRoom)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void anEncodedEventIsDecodedOnItsLaneAndNothingIsDeliveredForNull() throws Exception {
        try (OrderedDelivery delivery = new OrderedDelivery(2)) {
            List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            List<BusEvent> got = java.util.Collections.synchronizedList(new ArrayList<>());
            delivery.subscribe(event -> {
                got.add(event);
                done.countDown();
            });
            delivery.deliver("room:9", () -> {
                threads.add(Thread.currentThread().getName());
                return null;
            });
            delivery.deliver("room:9", () -> {
                threads.add(Thread.currentThread().getName());
                return message(9, 1);
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(got).containsExactly(message(9, 1));
            assertThat(threads).hasSize(2).allMatch(name -> name.startsWith("parley-bus-delivery-"));
        }
    }

    /** A room whose topic hashes to a different lane than {@code room}'s. */
    private static long roomOnOtherLane(OrderedDelivery delivery, long room) {
        int lane = Math.floorMod(Topic.room(room).key().hashCode(), delivery.laneCount());
        for (long other = room + 1; ; other++) {
            if (Math.floorMod(Topic.room(other).key().hashCode(), delivery.laneCount()) != lane) return other;
        }
    }

    private static BusEvent.MessageCreated message(long roomId, long seq) {
        return new BusEvent.MessageCreated(roomId, seq, JsonPayload.of(Map.of("seq", seq)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
