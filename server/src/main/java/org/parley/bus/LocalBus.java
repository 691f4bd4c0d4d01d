package org.parley.bus;

import java.util.function.Consumer;

/** The bus of a single node: delivers each event to the local subscribers, in publish order. */
public final class LocalBus implements EventBus {
    private final OrderedDelivery delivery = new OrderedDelivery();

    @Override
    public void publish(BusEvent event) {
        delivery.deliver(event);
    }

    @Override
    public void subscribe(Consumer<BusEvent> subscriber) {
        delivery.subscribe(subscriber);
    }

    @Override
    public void close() {
        delivery.close();
    }
}
