import { describe, expect, it } from 'vitest';
import { crossTabLock, pageLock } from './refreshLock';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('pageLock', () => {
  it('runs tasks one at a time in the order they asked, even after a failure', async () => {
    const lock = pageLock();
    const order: string[] = [];
    const gate = deferred();
    const first = lock(async () => {
      order.push('first:start');
      await gate.promise;
      order.push('first:end');
      throw new Error('first failed');
    });
    const second = lock(async () => {
      order.push('second');
      return 2;
    });
    await Promise.resolve();
    expect(order).toEqual(['first:start']);
    gate.resolve();
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe(2);
    expect(order).toEqual(['first:start', 'first:end', 'second']);
  });
});

describe('crossTabLock', () => {
  it('uses the Web Locks API when present, exclusively, under the given name', async () => {
    const requests: { name: string; mode: string | undefined }[] = [];
    const locks = {
      request: (name: string, options: LockOptions, task: () => Promise<unknown>) => {
        requests.push({ name, mode: options.mode });
        return task();
      },
    } as unknown as LockManager;
    await expect(crossTabLock('parley.test', locks)(async () => 'done')).resolves.toBe('done');
    expect(requests).toEqual([{ name: 'parley.test', mode: 'exclusive' }]);
  });

  it('falls back to a page lock without the Web Locks API', async () => {
    const lock = crossTabLock('parley.test', undefined);
    await expect(lock(async () => 1)).resolves.toBe(1);
  });
});
