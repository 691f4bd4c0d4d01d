import { describe, expect, it } from 'vitest';
import source from '../../public/sw.js?raw';

type Listener = (event: unknown) => void;

/** Runs public/sw.js against a fake worker global and returns what it registered. */
function loadWorker() {
  const listeners = new Map<string, Listener>();
  const shown: { title: string; options: Record<string, unknown> }[] = [];
  const opened: string[] = [];
  const navigated: string[] = [];
  const windows: { url: string; focus(): Promise<unknown>; navigate(url: string): Promise<unknown> }[] = [];
  const self = {
    location: new URL('https://chat.example/'),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    registration: {
      showNotification: async (title: string, options: Record<string, unknown>) => void shown.push({ title, options }),
    },
    clients: {
      matchAll: async () => windows,
      openWindow: async (url: string) => void opened.push(url),
      claim: async () => undefined,
    },
  };
  // the worker's script, run with a fake worker global in place of the browser's
  new Function('self', 'caches', 'fetch', source)(self, {}, () => Promise.reject(new Error('offline')));
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    const pending: Promise<unknown>[] = [];
    listeners.get(type)?.({ ...event, waitUntil: (p: Promise<unknown>) => pending.push(p) });
    await Promise.all(pending);
  };
  return { dispatch, shown, opened, navigated, windows };
}

describe('service worker push', () => {
  it('shows the pushed title and body, one notification per room', async () => {
    const worker = loadWorker();
    const data = { json: () => ({ roomId: 7, seq: 3, title: 'Alice', body: 'Lunch?' }) };
    await worker.dispatch('push', { data });
    expect(worker.shown).toEqual([
      { title: 'Alice', options: { body: 'Lunch?', tag: 'room-7', icon: '/icons/icon-192.png', data: { roomId: 7 } } },
    ]);
  });

  it('a reply in a thread opens its thread when clicked', async () => {
    const worker = loadWorker();
    const data = { json: () => ({ roomId: 7, seq: 9, threadRootSeq: 4, title: 'Bob in Team', body: 'Done' }) };
    await worker.dispatch('push', { data });
    const shown = worker.shown[0]!;
    expect(shown.options.data).toEqual({ roomId: 7, threadRootSeq: 4 });
    await worker.dispatch('notificationclick', { notification: { data: shown.options.data, close: () => undefined } });
    expect(worker.opened).toEqual(['/rooms/7?around=4&thread=4']);
  });

  it('shows something sensible for a push it cannot read', async () => {
    const worker = loadWorker();
    await worker.dispatch('push', { data: { json: () => { throw new SyntaxError('bad'); } } });
    expect(worker.shown[0]?.title).toBe('Parley');
    expect(worker.shown[0]?.options.tag).toBe('parley');
  });

  it('a click opens the room in a new window when none is open', async () => {
    const worker = loadWorker();
    let closed = false;
    await worker.dispatch('notificationclick', { notification: { data: { roomId: 7 }, close: () => (closed = true) } });
    expect(closed).toBe(true);
    expect(worker.opened).toEqual(['/rooms/7']);
  });

  it('a click focuses an open window of the app and takes it to the room', async () => {
    const worker = loadWorker();
    const focused: string[] = [];
    const win = {
      url: 'https://chat.example/rooms/2',
      focus: async () => { focused.push('yes'); return win; },
      navigate: async (url: string) => void worker.navigated.push(url),
    };
    worker.windows.push(win);
    await worker.dispatch('notificationclick', { notification: { data: { roomId: 9 }, close: () => undefined } });
    expect(focused).toEqual(['yes']);
    expect(worker.navigated).toEqual(['/rooms/9']);
    expect(worker.opened).toEqual([]);
  });
});
