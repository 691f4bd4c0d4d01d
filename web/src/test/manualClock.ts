import type { Clock } from '../auth/authSession';

/** Lets the microtask and macrotask queues drain, so pending promise chains settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A clock the test moves by hand; timers run only when `advance` passes their time. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();

  const clock: Clock & {
    /** Moves time forward without running timers (a suspended tab waking up). */
    jump(ms: number): void;
    /** Moves time forward, running each timer that comes due, in order. */
    advance(ms: number): Promise<void>;
    pendingTimers(): number;
  } = {
    now: () => now,
    setTimeout: (callback, ms) => {
      nextId += 1;
      timers.set(nextId, { at: now + ms, callback });
      return nextId;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    jump: (ms) => {
      now += ms;
    },
    advance: async (ms) => {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, timer] = due;
        timers.delete(id);
        now = Math.max(now, timer.at);
        timer.callback();
        await settle();
      }
      now = end;
      await settle();
    },
    pendingTimers: () => timers.size,
  };
  return clock;
}
