/** Runs `task` while holding an exclusive lock; tasks queue in the order they asked. */
export type RefreshLock = <T>(task: () => Promise<T>) => Promise<T>;

/** An exclusive lock within this page only. */
export function pageLock(): RefreshLock {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * An exclusive lock across every tab of this origin (Web Locks API), so that two tabs never
 * spend the same refresh token. Falls back to a page-only lock where the API is missing.
 */
export function crossTabLock(name: string, locks: LockManager | undefined = globalThis.navigator?.locks): RefreshLock {
  if (!locks) return pageLock();
  // The DOM typings model the callback as returning T, not Promise<T>; the result is the task's.
  return <T>(task: () => Promise<T>): Promise<T> =>
    locks.request(name, { mode: 'exclusive' }, task) as unknown as Promise<T>;
}
