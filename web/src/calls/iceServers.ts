/**
 * Where calls find STUN and TURN: `GET /api/calls/ice-servers`, fetched when a call starts and
 * again before the TURN credentials expire, so a long call can still restart ICE through the
 * relay. Connections take the new servers with `setConfiguration`.
 *
 * Invariants: a refresh is scheduled while someone listens, at `refreshDelayMs(ttl)`; a failed
 * fetch keeps the previous servers and retries after `RETRY_MS`; after `stop` nothing runs.
 */
import type { IceServersResponse } from './types';

export const RETRY_MS = 10_000;
const MIN_DELAY_MS = 5_000;

/**
 * How long after a fetch to fetch again: a fifth of the lifetime early, but at most five minutes
 * early and never later than halfway; never sooner than five seconds.
 */
export function refreshDelayMs(ttlSeconds: number): number {
  const ttl = Math.max(0, ttlSeconds) * 1000;
  const margin = Math.min(ttl * 0.2, 5 * 60_000);
  return Math.max(MIN_DELAY_MS, Math.max(ttl - margin, ttl / 2));
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class IceServerSource {
  private servers: RTCIceServer[] = [];
  private timer: unknown = null;
  private running = false;
  private readonly listeners = new Set<(servers: RTCIceServer[]) => void>();

  constructor(
    private readonly fetchServers: () => Promise<IceServersResponse>,
    private readonly timers: Timers = realTimers,
  ) {}

  current(): RTCIceServer[] {
    return this.servers;
  }

  /** Fetches now and keeps refreshing until `stop`; resolves with the servers (the old ones on failure). */
  async start(): Promise<RTCIceServer[]> {
    this.running = true;
    return this.refresh();
  }

  onChange(listener: (servers: RTCIceServer[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private async refresh(): Promise<RTCIceServer[]> {
    let delay = RETRY_MS;
    try {
      const answer = await this.fetchServers();
      if (!this.running) return this.servers;
      this.servers = answer.iceServers;
      delay = refreshDelayMs(answer.ttl);
      for (const listener of [...this.listeners]) listener(this.servers);
    } catch {
      // Keep the servers we have; a call without them still connects on a local network.
    }
    if (this.running) this.schedule(delay);
    return this.servers;
  }

  private schedule(delay: number): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, delay);
  }
}
