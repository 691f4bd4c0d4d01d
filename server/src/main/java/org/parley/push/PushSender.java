package org.parley.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/** Posts one encrypted push message to a subscription's push service, signed with the VAPID key. */
final class PushSender {
    /** How long a push service keeps a message for a browser that is offline. */
    static final Duration TTL = Duration.ofHours(12);
    private final VapidKeys keys;
    private final String subject;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    PushSender(VapidKeys keys, String subject, Clock clock) {
        this.keys = keys;
        this.subject = subject;
        this.clock = clock;
    }

    /** The push service's status code. */
    int send(PushSubscription s, byte[] payload) throws IOException, InterruptedException, GeneralSecurityException {
        URI endpoint = URI.create(s.endpoint());
        byte[] body = PushCrypto.encrypt(payload, Base64.getUrlDecoder().decode(s.p256dh()), Base64.getUrlDecoder().decode(s.auth()));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "aes128gcm")
                .header("TTL", Long.toString(TTL.toSeconds()))
                .header("Urgency", "high")
                .header("Authorization", VapidJwt.authorization(keys, endpoint, subject, clock))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
