/** Telling a room that this user is typing, at the pace the server takes. */
import { AckFailure } from '../realtime/ack';
import { ClientEvents } from '../realtime/events';
import type { RoomId } from './types';

/** Repeat `typing` this often while typing goes on; the server forgets a start after ~5 s. */
export const TYPING_REPEAT_MS = 3_000;
/** The server takes at most one `typing` a second per room. */
export const TYPING_MIN_GAP_MS = 1_050;

export type TypingEmit = (event: typeof ClientEvents.typing | typeof ClientEvents.stopTyping, roomId: RoomId) => Promise<unknown>;

/**
 * A start is sent on the first keystroke and repeated every few seconds while typing goes on; a
 * start that comes too soon after the previous one (say, right after sending) is sent a moment
 * later rather than dropped, and so is one the server refused as too early.
 */
export class TypingSender {
  /** Rooms where this user is typing now. */
  private readonly active = new Set<RoomId>();
  private readonly emittedAt = new Map<RoomId, number>();
  private readonly timers = new Map<RoomId, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly emit: TypingEmit,
    private readonly now: () => number = Date.now,
  ) {}

  typing(roomId: RoomId): void {
    const wasActive = this.active.has(roomId);
    this.active.add(roomId);
    const due = (this.emittedAt.get(roomId) ?? -Infinity) + (wasActive ? TYPING_REPEAT_MS : TYPING_MIN_GAP_MS);
    const wait = due - this.now();
    if (wait <= 0) this.start(roomId);
    else if (!wasActive) this.later(roomId, wait);
  }

  stop(roomId: RoomId): void {
    this.cancel(roomId);
    if (!this.active.delete(roomId)) return;
    this.emit(ClientEvents.stopTyping, roomId).catch(() => undefined);
  }

  /** Forgets everything (the connection dropped: the server forgot too). */
  reset(): void {
    for (const roomId of [...this.timers.keys()]) this.cancel(roomId);
    this.active.clear();
  }

  private start(roomId: RoomId): void {
    this.emittedAt.set(roomId, this.now());
    this.emit(ClientEvents.typing, roomId).catch((error: unknown) => {
      if (error instanceof AckFailure && error.code === 'rate_limited' && this.active.has(roomId)) {
        this.later(roomId, error.retryAfterMs ?? TYPING_MIN_GAP_MS);
      }
    });
  }

  private later(roomId: RoomId, ms: number): void {
    if (this.timers.has(roomId)) return;
    this.timers.set(
      roomId,
      setTimeout(() => {
        this.timers.delete(roomId);
        if (this.active.has(roomId)) this.start(roomId);
      }, ms),
    );
  }

  private cancel(roomId: RoomId): void {
    const timer = this.timers.get(roomId);
    if (timer) clearTimeout(timer);
    this.timers.delete(roomId);
  }
}
