package org.parley.socketio.engine;

/**
 * Tells which client a handshake comes from, for counting its sessions that are not yet admitted.
 * The default is the peer address; behind a proxy the embedding application passes one that reads
 * the forwarding headers it trusts.
 */
@FunctionalInterface
public interface ClientKey {
    ClientKey PEER_ADDRESS = EngineRequest::remoteAddress;

    String of(EngineRequest request);
}
