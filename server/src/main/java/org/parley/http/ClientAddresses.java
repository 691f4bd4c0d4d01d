package org.parley.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.parley.config.AddressRange;

/**
 * Finds the client's address for throttling. The socket peer is the client unless the peer is one
 * of the trusted proxies; then X-Forwarded-For is read from the right (each proxy appends the
 * address it saw) and the first hop that is not a trusted proxy is the client. Entries to its left
 * were written by the client itself and are never used. With no trusted proxies (the default) the
 * header is ignored.
 */
public record ClientAddresses(List<AddressRange> trustedProxies) {
    public ClientAddresses {
        trustedProxies = List.copyOf(trustedProxies);
    }

    public String of(Context ctx) {
        return resolve(ctx.ip(), ctx.req().getHeaders("X-Forwarded-For"));
    }

    /** The client address given the socket peer and the X-Forwarded-For header's value (or null). */
    public String resolve(String peer, String forwardedFor) {
        return resolve(peer, forwardedFor == null ? null
                : java.util.Collections.enumeration(List.of(forwardedFor)));
    }

    /** The client address given the socket peer and every X-Forwarded-For header, in arrival order. */
    String resolve(String peer, java.util.Enumeration<String> forwardedHeaders) {
        if (!trusted(peer) || forwardedHeaders == null) return peer;
        List<String> hops = new ArrayList<>();
        while (forwardedHeaders.hasMoreElements()) {
            for (String hop : forwardedHeaders.nextElement().split(",")) {
                if (!hop.isBlank()) hops.add(hop.strip());
            }
        }
        String client = peer;
        for (String hop : hops.reversed()) {
            client = hop;
            if (!trusted(hop)) return hop;
        }
        return client;
    }

    private boolean trusted(String address) {
        for (AddressRange r : trustedProxies) {
            if (r.contains(address)) return true;
        }
        return false;
    }
}
