import { describe, expect, it } from 'vitest';
import { ALICE, msg, range, seqs } from '../test/chatFixtures';
import * as T from './timeline';

const ready = (messages = range(1, 5)): T.Timeline => T.loadLatest(T.emptyTimeline, messages);

describe('mergeMessages', () => {
  it('appends newer messages and keeps seq order', () => {
    expect(seqs(T.mergeMessages(range(1, 3), [msg(5), msg(4)]))).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops duplicates, within the batch and against what is known', () => {
    const merged = T.mergeMessages(range(1, 3), [msg(2), msg(3), msg(3), msg(4), msg(4)]);
    expect(seqs(merged)).toEqual([1, 2, 3, 4]);
  });

  it('fills holes in the middle', () => {
    expect(seqs(T.mergeMessages([msg(1), msg(4)], [msg(3), msg(2)]))).toEqual([1, 2, 3, 4]);
  });

  it('keeps the state with the higher revision', () => {
    const edited = msg(2, { rev: 9, content: 'edited' });
    expect(T.mergeMessages(range(1, 3), [edited])[1]).toBe(edited);
    expect(T.mergeMessages([msg(1), edited, msg(3)], [msg(2)])[1]).toBe(edited);
  });

  it('returns the same array when nothing changes', () => {
    const list = range(1, 3);
    expect(T.mergeMessages(list, [msg(2), msg(3)])).toBe(list);
    expect(T.mergeMessages(list, [])).toBe(list);
  });
});

describe('timeline: live, history and sync together', () => {
  it('shows a message heard live and again through a sync once', () => {
    let t = ready();
    t = T.addMessages(t, [msg(6)]);
    t = T.addMessages(t, [msg(6), msg(7), msg(8)]);
    t = T.addMessages(t, [msg(7)]);
    expect(seqs(t.messages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('orders messages that arrive out of order (live before the sync that fills the gap)', () => {
    let t = ready();
    t = T.addMessages(t, [msg(9)]);
    t = T.addMessages(t, range(6, 9));
    expect(seqs(t.messages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('prepends older history without duplicating the overlap', () => {
    let t = ready(range(51, 100));
    expect(T.hasOlder(t)).toBe(true);
    t = T.addOlder(t, range(1, 52));
    expect(seqs(t.messages)).toEqual(seqs(range(1, 100)));
    expect(T.hasOlder(t)).toBe(false);
  });

  it('keeps live messages that arrived while the latest page loaded', () => {
    let t = T.addMessages(T.emptyTimeline, [msg(51), msg(52)]);
    t = T.startLoading(t);
    t = T.loadLatest(t, range(3, 51));
    expect(seqs(t.messages)).toEqual(seqs(range(3, 52)));
    expect(t.state).toBe('ready');
  });

  it('drops collected live messages that do not join onto the latest page', () => {
    let t = T.addMessages(T.emptyTimeline, [msg(60)]);
    t = T.loadLatest(t, range(1, 50));
    expect(seqs(t.messages)).toEqual(seqs(range(1, 50)));
  });

  it('applies edits to known messages only', () => {
    let t = ready();
    t = T.applyUpdates(t, [msg(3, { rev: 20, content: 'edited', editedAt: 1 }), msg(99, { rev: 21 })]);
    expect(t.messages[2]?.content).toBe('edited');
    expect(seqs(t.messages)).toEqual([1, 2, 3, 4, 5]);
    expect(t.maxRev).toBe(20);
  });

  it('ignores a stale update with an older revision', () => {
    let t = ready();
    t = T.applyUpdates(t, [msg(3, { rev: 20, deleted: true, content: '' })]);
    t = T.applyUpdates(t, [msg(3, { rev: 15, content: 'older edit' })]);
    expect(t.messages[2]).toMatchObject({ deleted: true, content: '' });
  });

  it('opened around an old message, leaves out live messages beyond the window', () => {
    let t = T.loadAround(T.emptyTimeline, range(20, 70), 500);
    expect(t.hasNewer).toBe(true);
    t = T.addMessages(t, [msg(501)]);
    expect(T.lastSeq(t)).toBe(70);
    t = T.addNewer(t, range(71, 120), 501);
    expect(t.hasNewer).toBe(true);
    t = T.addNewer(t, range(121, 501), 501);
    expect(t.hasNewer).toBe(false);
    expect(seqs(t.messages)).toEqual(seqs(range(20, 501)));
  });

  it('drops a page of older or newer history that no longer joins the window (it moved meanwhile)', () => {
    let t = T.loadAround(T.emptyTimeline, range(480, 530), 900);
    expect(T.addNewer(t, range(300, 349), 900)).toBe(t);
    expect(T.addOlder(t, range(700, 749))).toBe(t);
    t = T.addNewer(t, range(530, 579), 900);
    t = T.addOlder(t, range(430, 479));
    expect(seqs(t.messages)).toEqual(seqs(range(430, 579)));
  });

  it('takes an older page asked for before the window even when replies in threads leave its last seqs out', () => {
    let t = T.loadAround(T.emptyTimeline, range(480, 530), 900);
    const page = range(400, 477); // 478 and 479 are replies, which pages leave out
    expect(T.addOlder(t, page)).toBe(t);
    t = T.addOlder(t, page, 480);
    expect(t.messages[0]!.seq).toBe(400);
    expect(T.addOlder(t, range(300, 349), 480)).toBe(t);
  });

  it('reports the highest revision as the sync cursor', () => {
    const t = ready([msg(1, { rev: 4 }), msg(2, { rev: 9 }), msg(3, { rev: 6 })]);
    expect(t.maxRev).toBe(9);
  });

  it('finds a message by seq', () => {
    const t = ready(range(10, 40));
    expect(T.findMessage(t, 25)?.seq).toBe(25);
    expect(T.findMessage(t, 9)).toBeUndefined();
  });
});

describe('timeline: sending', () => {
  const mine = (seq: number, clientId: string) => msg(seq, { sender: ALICE, clientId, content: 'hello' });
  const start = (t: T.Timeline, clientId: string) =>
    T.addPending(t, { clientId, content: 'hello', replyTo: null, createdAt: 1 });

  it('shows a send at once as pending, then confirmed by the ack', () => {
    let t = start(ready(), 'c1');
    expect(t.pending).toMatchObject([{ clientId: 'c1', status: 'sending' }]);
    t = T.confirmSend(t, mine(6, 'c1'));
    expect(t.pending).toEqual([]);
    expect(seqs(t.messages)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('confirms once whether the broadcast or the ack comes first', () => {
    let t = start(ready(), 'c1');
    t = T.addMessages(t, [mine(6, 'c1')]);
    t = T.confirmSend(t, mine(6, 'c1'));
    expect(t.pending).toEqual([]);
    expect(seqs(t.messages)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('marks a send failed, and retries under the same clientId', () => {
    let t = start(ready(), 'c1');
    t = T.failSend(t, 'c1', 'No connection.');
    expect(t.pending[0]).toMatchObject({ clientId: 'c1', status: 'failed', error: 'No connection.' });
    t = T.retrySend(t, 'c1');
    expect(t.pending[0]).toMatchObject({ clientId: 'c1', status: 'sending', error: null });
    t = T.confirmSend(t, mine(6, 'c1'));
    expect(t.pending).toEqual([]);
    expect(t.messages.filter((m) => m.clientId === 'c1')).toHaveLength(1);
  });

  it('never shows a message twice when a "failed" send had in fact reached the server', () => {
    let t = start(ready(), 'c1');
    t = T.failSend(t, 'c1', 'Timed out.');
    t = T.addMessages(t, [mine(6, 'c1')]);
    expect(t.pending).toEqual([]);
    t = T.failSend(t, 'c1', 'late failure');
    t = T.confirmSend(t, mine(6, 'c1'));
    expect(t.pending).toEqual([]);
    expect(seqs(t.messages)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does not add a pending copy of a message that is already confirmed', () => {
    let t = T.confirmSend(ready(), mine(6, 'c1'));
    t = start(t, 'c1');
    expect(t.pending).toEqual([]);
  });

  it('keeps several pending sends in the order they were written', () => {
    let t = start(start(start(ready(), 'a'), 'b'), 'c');
    t = T.confirmSend(t, mine(6, 'b'));
    expect(t.pending.map((p) => p.clientId)).toEqual(['a', 'c']);
  });

  it('discards a failed send on request', () => {
    let t = T.failSend(start(ready(), 'c1'), 'c1', 'x');
    t = T.discardPending(t, 'c1');
    expect(t.pending).toEqual([]);
  });

  it('drops pending sends confirmed by a reload of the latest page', () => {
    let t = start(ready(), 'c1');
    t = T.loadLatest(t, [...range(1, 5), mine(6, 'c1')]);
    expect(t.pending).toEqual([]);
  });
});
