import { describe, expect, it } from 'vitest';
import { ALICE, BOB, msg, T0 } from '../test/chatFixtures';
import { buildRows, GROUP_WINDOW_MS, pendingKey } from './rows';
import * as T from './timeline';

const DAY = 86_400_000;

describe('buildRows', () => {
  it('puts a day separator before each calendar day', () => {
    const t = T.loadLatest(T.emptyTimeline, [msg(1), msg(2, { createdAt: T0 + DAY }), msg(3, { createdAt: T0 + DAY + 5 })]);
    expect(buildRows(t, ALICE.id, null).map((r) => r.kind)).toEqual(['day', 'message', 'day', 'message', 'message']);
  });

  it('groups consecutive messages from one sender within a few minutes', () => {
    const t = T.loadLatest(T.emptyTimeline, [
      msg(1, { sender: BOB }),
      msg(2, { sender: BOB }),
      msg(3, { sender: ALICE }),
      msg(4, { sender: ALICE, createdAt: T0 + 3000 + GROUP_WINDOW_MS }),
      msg(5, { kind: 'system', sender: null }),
      msg(6, { sender: ALICE, createdAt: T0 + 3000 + GROUP_WINDOW_MS + 10 }),
    ]);
    const rows = buildRows(t, ALICE.id, null).filter((r) => r.kind === 'message');
    expect(rows.map((r) => [r.message.seq, r.first, r.last, r.mine])).toEqual([
      [1, true, false, false],
      [2, false, true, false],
      [3, true, true, true],
      [4, true, true, true],
      [6, true, true, true],
    ]);
  });

  it('leaves replies in threads out of the timeline, and shows them for the thread panel', () => {
    const t = T.loadLatest(T.emptyTimeline, [msg(1), msg(2, { threadRootSeq: 1 }), msg(3), msg(4, { threadRootSeq: 1 })]);
    const seqsOf = (rows: ReturnType<typeof buildRows>) => rows.flatMap((r) => (r.kind === 'message' ? [r.message.seq] : []));
    expect(seqsOf(buildRows(t, ALICE.id, null))).toEqual([1, 3]);
    expect(seqsOf(buildRows(t, ALICE.id, null, true))).toEqual([1, 2, 3, 4]);
  });

  it('marks where unread messages from others begin', () => {
    const t = T.loadLatest(T.emptyTimeline, [msg(1), msg(2, { sender: ALICE }), msg(3), msg(4)]);
    const kinds = buildRows(t, ALICE.id, 1).map((r) => (r.kind === 'message' ? r.message.seq : r.kind));
    expect(kinds).toEqual(['day', 1, 2, 'unread', 3, 4]);
  });

  it('keeps a row key when a pending message is confirmed, so the row does not jump', () => {
    let t = T.loadLatest(T.emptyTimeline, [msg(1)]);
    t = T.addPending(t, { clientId: 'c1', content: 'hi', replyTo: null, createdAt: T0 + 2000 });
    const before = buildRows(t, ALICE.id, null).at(-1);
    expect(before).toMatchObject({ kind: 'pending', key: pendingKey(ALICE.id, t.pending[0]!) });
    t = T.confirmSend(t, msg(2, { sender: ALICE, clientId: 'c1' }));
    const after = buildRows(t, ALICE.id, null).at(-1);
    expect(after?.kind).toBe('message');
    expect(after?.key).toBe(before?.key);
  });

  it('groups pending sends with my last message', () => {
    let t = T.loadLatest(T.emptyTimeline, [msg(1, { sender: ALICE })]);
    t = T.addPending(t, { clientId: 'c1', content: 'more', replyTo: null, createdAt: T0 + 2000 });
    const rows = buildRows(t, ALICE.id, null);
    expect(rows.map((r) => r.kind)).toEqual(['day', 'message', 'pending']);
    expect(rows[2]).toMatchObject({ first: false, last: true });
  });
});
