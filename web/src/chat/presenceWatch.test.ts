import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckFailure } from '../realtime/ack';
import { ClientEvents } from '../realtime/events';
import { MAX_WATCHED, PresenceWatch, timelineAuthors, WATCH_DEBOUNCE_MS, type PresenceWatchPort } from './presenceWatch';
import type { Message, Presence } from './types';

const ME = 1;

describe('PresenceWatch', () => {
  let sent: number[][];
  let received: Presence[][];
  let port: { connected: boolean; request: PresenceWatchPort['request'] };
  let refuseNext: boolean;
  let watch: PresenceWatch;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    received = [];
    refuseNext = false;
    port = {
      connected: true,
      request: <T>(event: string, payload: { userIds: number[] }): Promise<T> => {
        expect(event).toBe(ClientEvents.watchPresence);
        sent.push(payload.userIds);
        if (refuseNext) {
          refuseNext = false;
          return Promise.reject(new AckFailure({ code: 'rate_limited', message: 'Slow down.', retryAfterMs: 100 }));
        }
        const users: Presence[] = payload.userIds.map((userId) => ({ userId, status: 'online', lastSeenAt: null }));
        return Promise.resolve({ users } as T);
      },
    };
    watch = new PresenceWatch(port, (users) => received.push([...users]), ME);
  });

  afterEach(() => vi.useRealTimers());

  it('sends the union of what the screens show once things settle, without me and without repeats', async () => {
    watch.watch('members:5', [ME, 2, 3]);
    vi.advanceTimersByTime(WATCH_DEBOUNCE_MS / 2);
    watch.watch('timeline:5', [3, 4]);
    vi.advanceTimersByTime(WATCH_DEBOUNCE_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[2, 3, 4]]);
    await vi.runAllTimersAsync();
    expect(received).toEqual([
      [
        { userId: 2, status: 'online', lastSeenAt: null },
        { userId: 3, status: 'online', lastSeenAt: null },
        { userId: 4, status: 'online', lastSeenAt: null },
      ],
    ]);
  });

  it('sends nothing when the set did not change, and the smaller set when a screen closes', async () => {
    const release = watch.watch('members:5', [2, 3]);
    await vi.runAllTimersAsync();
    watch.watch('timeline:5', [3]);
    await vi.runAllTimersAsync();
    expect(sent).toEqual([[2, 3]]);
    release();
    await vi.runAllTimersAsync();
    expect(sent).toEqual([[2, 3], [3]]);
  });

  it('a release of an older list for the same key leaves the newer one', async () => {
    const old = watch.watch('members:5', [2]);
    watch.watch('members:5', [3]);
    old();
    await vi.runAllTimersAsync();
    expect(sent).toEqual([[3]]);
  });

  it('asks again after every connect, and waits for the connection when it is down', async () => {
    watch.watch('members:5', [2]);
    await vi.runAllTimersAsync();
    port.connected = false;
    watch.watch('timeline:5', [4]);
    await vi.runAllTimersAsync();
    expect(sent).toEqual([[2]]);
    port.connected = true;
    watch.connected();
    await vi.runAllTimersAsync();
    watch.connected();
    await vi.runAllTimersAsync();
    expect(sent).toEqual([[2], [2, 4], [2, 4]]);
  });

  it('does not ask on connect when nothing is watched', async () => {
    watch.connected();
    await vi.runAllTimersAsync();
    expect(sent).toEqual([]);
  });

  it('asks for at most the number the server watches', async () => {
    watch.watch('members:9', Array.from({ length: MAX_WATCHED + 50 }, (_, i) => i + 2));
    await vi.runAllTimersAsync();
    expect(sent[0]).toHaveLength(MAX_WATCHED);
    expect(sent[0]?.[0]).toBe(2);
  });

  it('tries again with the next change after a refusal', async () => {
    refuseNext = true;
    watch.watch('members:5', [2]);
    await vi.runAllTimersAsync();
    expect(received).toEqual([]);
    watch.watch('timeline:5', []);
    await vi.runAllTimersAsync();
    expect(sent).toEqual([[2], [2]]);
    expect(received).toHaveLength(1);
  });

  it('forgets everything when stopped', async () => {
    watch.watch('members:5', [2]);
    watch.stop();
    await vi.runAllTimersAsync();
    expect(sent).toEqual([]);
  });
});

describe('timelineAuthors', () => {
  const msg = (seq: number, sender: number | null) =>
    ({ seq, sender: sender === null ? null : { id: sender, username: `u${sender}`, displayName: null } }) as unknown as Message;

  it('takes the senders of the latest messages, newest first, each once, skipping system messages', () => {
    const messages = [msg(1, 7), msg(2, 8), msg(3, null), msg(4, 9), msg(5, 8)];
    expect(timelineAuthors(messages, 10)).toEqual([8, 9, 7]);
    expect(timelineAuthors(messages, 2)).toEqual([8, 9]);
  });
});
