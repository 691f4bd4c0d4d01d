import { describe, expect, it } from 'vitest';
import { manualClock, settle } from '../test/manualClock';
import { IceServerSource, refreshDelayMs, RETRY_MS } from './iceServers';
import type { IceServersResponse } from './types';

describe('ICE server refresh timing', () => {
  it('refreshes before the credentials expire', () => {
    expect(refreshDelayMs(3600)).toBe(3300_000); // five minutes early
    expect(refreshDelayMs(600)).toBe(480_000); // a fifth early
    expect(refreshDelayMs(60)).toBe(48_000);
    for (const ttl of [10, 60, 600, 3600, 86_400]) {
      expect(refreshDelayMs(ttl)).toBeLessThan(ttl * 1000);
      expect(refreshDelayMs(ttl)).toBeGreaterThanOrEqual((ttl * 1000) / 2);
    }
  });

  it('never refreshes in a busy loop', () => {
    expect(refreshDelayMs(0)).toBe(5_000);
    expect(refreshDelayMs(-5)).toBe(5_000);
  });

  it('fetches at start, again before the ttl runs out, and tells listeners', async () => {
    const clock = manualClock();
    let n = 0;
    const source = new IceServerSource(async (): Promise<IceServersResponse> => {
      n += 1;
      return { iceServers: [{ urls: [`turn:relay.example:3478?n=${n}`], username: `u${n}`, credential: 'c' }], ttl: 600 };
    }, clock);
    const heard: string[] = [];
    source.onChange((servers) => heard.push(String(servers[0]!.username)));
    expect((await source.start())[0]!.username).toBe('u1');
    await clock.advance(479_000);
    expect(n).toBe(1);
    await clock.advance(1_000);
    await settle();
    expect(n).toBe(2);
    expect(source.current()[0]!.username).toBe('u2');
    expect(heard).toEqual(['u1', 'u2']);
    source.stop();
    await clock.advance(10 * 600_000);
    expect(n).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('keeps the servers it has when a refresh fails, and retries soon', async () => {
    const clock = manualClock();
    let fail = false;
    let n = 0;
    const source = new IceServerSource(async () => {
      n += 1;
      if (fail) throw new Error('offline');
      return { iceServers: [{ urls: 'stun:stun.example' }], ttl: 60 };
    }, clock);
    await source.start();
    fail = true;
    await clock.advance(48_000);
    await settle();
    expect(n).toBe(2);
    expect(source.current()).toEqual([{ urls: 'stun:stun.example' }]);
    fail = false;
    await clock.advance(RETRY_MS);
    await settle();
    expect(n).toBe(3);
    source.stop();
  });
});
