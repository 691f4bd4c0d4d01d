/** The server's call events as actions and signals; returns the function that stops listening. */
import type { Realtime } from '../realtime/RealtimeConnection';
import { ServerEvents } from '../realtime/events';
import type { CallsAction } from './callState';
import type { SignalKind } from './transport';
import type { Call, CallEnded, RelayedSignal } from './types';

export interface CallEventSink {
  dispatch(action: CallsAction): void;
  signal(kind: SignalKind, signal: RelayedSignal): void;
}

export function listenToCalls(connection: Realtime, sink: CallEventSink): () => void {
  const stops = [
    connection.on(ServerEvents.callRinging, (call: Call) => sink.dispatch({ type: 'callHeard', call, ringing: true })),
    connection.on(ServerEvents.callUpdated, (call: Call) => sink.dispatch({ type: 'callHeard', call })),
    connection.on(ServerEvents.callEnded, (ended: CallEnded) => sink.dispatch({ type: 'callEnded', ended })),
    connection.on(ServerEvents.videoCallOffer, (signal: RelayedSignal) => sink.signal('offer', signal)),
    connection.on(ServerEvents.videoCallAnswer, (signal: RelayedSignal) => sink.signal('answer', signal)),
    connection.on(ServerEvents.iceCandidate, (signal: RelayedSignal) => sink.signal('candidate', signal)),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
