/** Client-to-server events with an ack, as promises: `{ok}` resolves, `{error}` rejects. */
import type { Socket } from 'socket.io-client';
import type { ClientEvent } from './events';

/** An error answered through a socket ack. */
export interface AckError {
  code: string;
  message: string;
  fields?: Record<string, string>;
  retryAfterMs?: number;
}

export type AckResponse<T> = { ok: T } | { error: AckError };

/** A refusal answered through an ack, or no answer in time. */
export class AckFailure extends Error {
  readonly code: string;
  readonly retryAfterMs: number | null;
  readonly fields: Record<string, string>;

  constructor(error: AckError) {
    super(error.message);
    this.name = 'AckFailure';
    this.code = error.code;
    this.retryAfterMs = typeof error.retryAfterMs === 'number' ? error.retryAfterMs : null;
    this.fields = error.fields ?? {};
  }
}

export const ACK_TIMEOUT_MS = 15_000;

function isAckResponse(value: unknown): value is AckResponse<unknown> {
  return typeof value === 'object' && value !== null && ('ok' in value || 'error' in value);
}

/** Emits `event` and waits for its ack; rejects with an AckFailure on a refusal or a timeout. */
export function ackRequest<T>(socket: Socket, event: ClientEvent, payload: unknown, timeoutMs = ACK_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (timedOut: Error | null, response: unknown) => {
      if (timedOut) {
        reject(new AckFailure({ code: 'timeout', message: 'The server did not answer in time.' }));
      } else if (!isAckResponse(response)) {
        reject(new AckFailure({ code: 'bad_response', message: 'The server sent an answer this app could not read.' }));
      } else if ('ok' in response) {
        resolve(response.ok as T);
      } else {
        reject(new AckFailure(response.error));
      }
    });
  });
}
