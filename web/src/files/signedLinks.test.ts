import { describe, expect, it } from 'vitest';
import { BATCH_SIZE, expiryMs, PAUSE_MS, REFRESH_MARGIN_MS, SignedLinks, type FetchLinks } from './signedLinks';

type Answer = Awaited<ReturnType<FetchLinks>>;

/** A links endpoint that answers when told, a clock and a batch timer run by hand. */
function setup() {
  let now = 1_000_000_000_000;
  const calls: { ids: string[]; answer: (links: Answer) => Promise<void>; fail: () => Promise<void> }[] = [];
  const batches: (() => void)[] = [];
  const links = new SignedLinks({
    now: () => now,
    schedule: (run) => batches.push(run),
    fetchLinks: (ids) =>
      new Promise((resolve, reject) => {
        calls.push({
          ids,
          answer: async (answer) => {
            resolve(answer);
            await Promise.resolve();
            await Promise.resolve();
          },
          fail: async () => {
            reject(new Error('offline'));
            await Promise.resolve();
            await Promise.resolve();
          },
        });
      }),
  });
  const runBatch = () => batches.splice(0).forEach((run) => run());
  const link = (id: string, expiresInMs: number, thumbnail = false) => ({
    url: `/api/files/${id}/content?sig=${now}`,
    ...(thumbnail ? { thumbnailUrl: `/api/files/${id}/thumbnail?sig=${now}` } : {}),
    expiresAt: Math.floor((now + expiresInMs) / 1000),
  });
  return { links, calls, runBatch, link, advance: (ms: number) => (now += ms) };
}

describe('SignedLinks', () => {
  it('gathers the files on screen into one request', async () => {
    const { links, calls, runBatch, link } = setup();
    links.want([{ id: 'a', thumbnail: false }]);
    links.want([{ id: 'b', thumbnail: false }, { id: 'a', thumbnail: false }]);
    runBatch();
    expect(calls.map((c) => c.ids)).toEqual([['a', 'b']]);
    await calls[0]!.answer({ a: link('a', 600_000), b: link('b', 600_000) });
    expect(links.get({ id: 'a', thumbnail: false })?.url).toMatch(/^\/api\/files\/a\/content\?sig=/);
    links.want([{ id: 'a', thumbnail: false }, { id: 'b', thumbnail: false }]);
    runBatch();
    expect(calls).toHaveLength(1);
  });

  it('asks once while a request is on its way', () => {
    const { links, calls, runBatch } = setup();
    links.want([{ id: 'a', thumbnail: false }]);
    runBatch();
    links.want([{ id: 'a', thumbnail: false }]);
    runBatch();
    expect(calls).toHaveLength(1);
  });

  it('renews a link shortly before it expires', async () => {
    const { links, calls, runBatch, link, advance } = setup();
    links.want([{ id: 'a', thumbnail: false }]);
    runBatch();
    await calls[0]!.answer({ a: link('a', 600_000) });
    expect(links.renewAt(['a'])).toBe(expiryMs(Math.floor((1_000_000_000_000 + 600_000) / 1000)) - REFRESH_MARGIN_MS);
    advance(600_000 - REFRESH_MARGIN_MS + 1_000);
    expect(links.get({ id: 'a', thumbnail: false })).toBeUndefined();
    links.want([{ id: 'a', thumbnail: false }]);
    runBatch();
    expect(calls.map((c) => c.ids)).toEqual([['a'], ['a']]);
  });

  it('fetches again once when a preview appears', async () => {
    const { links, calls, runBatch, link } = setup();
    links.want([{ id: 'a', thumbnail: false }]);
    runBatch();
    await calls[0]!.answer({ a: link('a', 600_000) });
    links.want([{ id: 'a', thumbnail: true }]);
    runBatch();
    expect(calls).toHaveLength(2);
    await calls[1]!.answer({ a: link('a', 600_000) });
    // Still no preview on the server: the link is used as it is, not asked for again.
    expect(links.get({ id: 'a', thumbnail: true })).toBeDefined();
    links.want([{ id: 'a', thumbnail: true }]);
    runBatch();
    expect(calls).toHaveLength(2);
  });

  it('leaves refused ids and failed requests alone for a while', async () => {
    const { links, calls, runBatch, link, advance } = setup();
    links.want([{ id: 'a', thumbnail: false }, { id: 'gone', thumbnail: false }]);
    runBatch();
    await calls[0]!.answer({ a: link('a', 600_000) });
    links.want([{ id: 'gone', thumbnail: false }, { id: 'b', thumbnail: false }]);
    runBatch();
    expect(calls[1]!.ids).toEqual(['b']);
    await calls[1]!.fail();
    links.want([{ id: 'b', thumbnail: false }]);
    runBatch();
    expect(calls).toHaveLength(2);
    advance(PAUSE_MS + 1);
    links.want([{ id: 'b', thumbnail: false }, { id: 'gone', thumbnail: false }]);
    runBatch();
    expect(calls[2]!.ids).toEqual(['b', 'gone']);
  });

  it('splits many files into batches', () => {
    const { links, calls, runBatch } = setup();
    links.want(Array.from({ length: BATCH_SIZE + 5 }, (_, i) => ({ id: `f${i}`, thumbnail: false })));
    runBatch();
    expect(calls.map((c) => c.ids.length)).toEqual([BATCH_SIZE, 5]);
  });

  it('tells subscribers about new links, and forgets a broken one', async () => {
    const { links, calls, runBatch, link } = setup();
    let heard = 0;
    links.subscribe(() => (heard += 1));
    links.want([{ id: 'a', thumbnail: false }]);
    runBatch();
    const before = links.getVersion();
    await calls[0]!.answer({ a: link('a', 600_000) });
    expect(heard).toBe(1);
    expect(links.getVersion()).not.toBe(before);
    links.forget('a');
    expect(links.get({ id: 'a', thumbnail: false })).toBeUndefined();
  });

  it('reads expiry in seconds or milliseconds', () => {
    expect(expiryMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(expiryMs(1_700_000_000_000)).toBe(1_700_000_000_000);
  });
});
