package org.parley.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.parley.auth.Principal;
import org.parley.errors.ParleyException;
import org.parley.limits.RateLimiter;
import org.parley.socketio.EventHandler;

/**
 * The per-user rate limits of the client events, applied before the event is decoded, so that a
 * refused event costs next to nothing and changes nothing. Each event has its own token bucket per
 * user, shared by all of the user's connections on this node. {@code send_message}, {@code typing},
 * {@code join_room}, {@code call_start} and the call signals are limited by their services instead (their limits also cover REST), and
 * every other event is in {@link #RATES}: a test holds the two lists to {@link ClientEvent}.
 */
final class EventLimits {

    /** Up to {@code burst} events at once, refilled at {@code perMinute}. */
    record Rate(int burst, int perMinute) {}

    /** Events whose services limit them. */
    static final Set<ClientEvent> LIMITED_BY_SERVICES =
            Set.of(ClientEvent.SEND_MESSAGE, ClientEvent.TYPING, ClientEvent.JOIN_ROOM, ClientEvent.CALL_START,
                    ClientEvent.VIDEO_CALL_OFFER, ClientEvent.VIDEO_CALL_ANSWER, ClientEvent.ICE_CANDIDATE, ClientEvent.END_CALL);

    /** The limits documented in docs/protocol.md section 10.1. */
    static final Map<ClientEvent, Rate> RATES = Map.ofEntries(
            Map.entry(ClientEvent.EDIT_MESSAGE, new Rate(20, 60)),
            Map.entry(ClientEvent.DELETE_MESSAGE, new Rate(20, 60)),
            Map.entry(ClientEvent.REACT, new Rate(30, 120)),
            Map.entry(ClientEvent.MARK_READ, new Rate(30, 120)),
            Map.entry(ClientEvent.MARK_THREAD_READ, new Rate(30, 120)),
            Map.entry(ClientEvent.STOP_TYPING, new Rate(20, 120)),
            Map.entry(ClientEvent.SET_PRESENCE, new Rate(10, 60)),
            Map.entry(ClientEvent.WATCH_PRESENCE, new Rate(10, 60)),
            Map.entry(ClientEvent.SYNC, new Rate(10, 30)),
            Map.entry(ClientEvent.CALL_ACCEPT, new Rate(10, 30)),
            Map.entry(ClientEvent.CALL_DECLINE, new Rate(10, 30)),
            Map.entry(ClientEvent.CALL_LEAVE, new Rate(10, 30)),
            Map.entry(ClientEvent.CALL_MEDIA, new Rate(30, 120)));

    private final Map<ClientEvent, RateLimiter> limiters = new EnumMap<>(ClientEvent.class);

    EventLimits(Clock clock) {
        RATES.forEach((event, rate) ->
                limiters.put(event, new RateLimiter(rate.burst(), rate.perMinute(), Duration.ofMinutes(1), clock)));
    }

    /** {@code handler}, answered with {@code rate_limited} instead while the user is over the event's limit. */
    EventHandler limited(ClientEvent event, EventHandler handler) {
        RateLimiter limiter = limiters.get(event);
        if (limiter == null) throw new IllegalArgumentException(event + " has no rate limit");
        return ChatEvents.guarded((socket, args, ack) -> {
            Principal user = ChatNamespaceAuth.principal(socket);
            limiter.acquire(Long.toString(user.userId())).ifPresent(wait -> {
                throw ParleyException.rateLimited("Too many " + event.wire() + " events. Try again later.", wait);
            });
            handler.handle(socket, args, ack);
        });
    }
}
