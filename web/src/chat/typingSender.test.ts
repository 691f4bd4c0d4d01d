import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckFailure } from '../realtime/ack';
import { ClientEvents } from '../realtime/events';
import { TYPING_MIN_GAP_MS, TYPING_REPEAT_MS, TypingSender } from './typingSender';

describe('TypingSender', () => {
  let sent: string[];
  let refuse: boolean;
  let sender: TypingSender;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    refuse = false;
    sender = new TypingSender((event, roomId) => {
      sent.push(`${event}:${roomId}@${Date.now()}`);
      if (refuse && event === ClientEvents.typing) {
        refuse = false;
        return Promise.reject(new AckFailure({ code: 'rate_limited', message: 'Slow down.', retryAfterMs: 400 }));
      }
      return Promise.resolve();
    });
  });

  afterEach(() => vi.useRealTimers());

  const times = () => sent.map((s) => s.replace(/@\d+$/, ''));

  it('starts at the first keystroke and repeats only every few seconds', () => {
    sender.typing(1);
    sender.typing(1);
    vi.advanceTimersByTime(TYPING_REPEAT_MS - 1);
    sender.typing(1);
    expect(times()).toEqual(['typing:1']);
    vi.advanceTimersByTime(1);
    sender.typing(1);
    expect(times()).toEqual(['typing:1', 'typing:1']);
  });

  it('stops once, and only when typing', () => {
    sender.stop(1);
    sender.typing(1);
    sender.stop(1);
    sender.stop(1);
    expect(times()).toEqual(['typing:1', 'stop_typing:1']);
  });

  it('sends a start that comes too soon after the last one a moment later instead of dropping it', () => {
    sender.typing(1);
    sender.stop(1);
    vi.advanceTimersByTime(200);
    sender.typing(1);
    expect(times()).toEqual(['typing:1', 'stop_typing:1']);
    vi.advanceTimersByTime(TYPING_MIN_GAP_MS);
    expect(times()).toEqual(['typing:1', 'stop_typing:1', 'typing:1']);
  });

  it('does not send the delayed start if typing stopped meanwhile', () => {
    sender.typing(1);
    sender.stop(1);
    sender.typing(1);
    sender.stop(1);
    vi.advanceTimersByTime(5_000);
    expect(times()).toEqual(['typing:1', 'stop_typing:1', 'stop_typing:1']);
  });

  it('retries a start the server refused as too early', async () => {
    refuse = true;
    sender.typing(2);
    await vi.advanceTimersByTimeAsync(400);
    expect(times()).toEqual(['typing:2', 'typing:2']);
  });

  it('keeps rooms apart', () => {
    sender.typing(1);
    sender.typing(2);
    expect(times()).toEqual(['typing:1', 'typing:2']);
  });
});
