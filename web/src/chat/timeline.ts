/**
 * One room's messages as this client knows them: confirmed messages in seq order without
 * duplicates, plus the messages this client is still sending. Pure functions only; every change
 * returns a new timeline and keeps the old one untouched, so React can compare by reference.
 *
 * Seqs are gap-free per room and start at 1, so whether older history exists is simply whether
 * the first loaded seq is above 1.
 */
import type { Attachment, Message, Seq } from './types';

export type SendStatus = 'sending' | 'failed';

/** A message this client sent and the server has not confirmed yet. */
export interface PendingMessage {
  clientId: string;
  content: string;
  replyTo: Seq | null;
  /** Files already uploaded that go with the message. */
  attachments?: readonly Attachment[];
  createdAt: number;
  status: SendStatus;
  /** Why the last attempt failed, fit to show. */
  error: string | null;
}

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface Timeline {
  /** Confirmed messages, ascending seq, unique seq. */
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  /** Whether the first page has been loaded (idle rooms only collect live messages). */
  state: LoadState;
  /** True when the loaded window ends before the room's latest message (opened around an old one). */
  hasNewer: boolean;
  /** The highest revision seen: the sync cursor for edits, deletes and reactions. */
  maxRev: number;
}

export const PAGE_SIZE = 50;

export const emptyTimeline: Timeline = {
  messages: [],
  pending: [],
  state: 'idle',
  hasNewer: false,
  maxRev: 0,
};

export function firstSeq(timeline: Timeline): Seq | null {
  return timeline.messages[0]?.seq ?? null;
}

export function lastSeq(timeline: Timeline): Seq | null {
  return timeline.messages.at(-1)?.seq ?? null;
}

/**
 * The last seq of the unbroken run that starts at the first held message, or null when none is
 * held. A live message that arrived ahead of one still in flight leaves a hole; sync must ask
 * from here, not from the newest seq, or the missing message would be skipped.
 */
export function contiguousEnd(timeline: Timeline): Seq | null {
  const messages = timeline.messages;
  const first = messages[0];
  if (!first) return null;
  const last = messages.at(-1)!;
  if (last.seq - first.seq === messages.length - 1) return last.seq;
  for (let i = 1; i < messages.length; i += 1) {
    if (messages[i]!.seq !== messages[i - 1]!.seq + 1) return messages[i - 1]!.seq;
  }
  return last.seq;
}

/** The end of the unbroken run of held seqs that starts right after `from` (`from` when the next is missing). */
export function runEnd(timeline: Timeline, from: Seq): Seq {
  let end = from;
  for (const message of timeline.messages) {
    if (message.seq <= end) continue;
    if (message.seq !== end + 1) break;
    end = message.seq;
  }
  return end;
}

/** Whether every seq after `from`, up to `to`, is held. */
export function holdsRun(timeline: Timeline, from: Seq, to: Seq): boolean {
  return runEnd(timeline, from) >= to;
}

/** More history exists before the first loaded message. */
export function hasOlder(timeline: Timeline): boolean {
  const first = firstSeq(timeline);
  return first !== null && first > 1;
}

function maxRevOf(messages: readonly Message[], start: number): number {
  let rev = start;
  for (const message of messages) if (message.rev > rev) rev = message.rev;
  return rev;
}

/** The newer of two states of the same message. */
function newer(current: Message, incoming: Message): Message {
  return incoming.rev > current.rev ? incoming : current;
}

function sortedUnique(messages: readonly Message[]): Message[] {
  const bySeq = new Map<Seq, Message>();
  for (const message of messages) {
    const known = bySeq.get(message.seq);
    bySeq.set(message.seq, known ? newer(known, message) : message);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Merges messages into a seq-ordered list: unknown seqs are inserted, known ones keep whichever
 * state has the higher revision. Returns `messages` itself when nothing changed.
 */
export function mergeMessages(messages: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (incoming.length === 0) return messages;
  const batch = sortedUnique(incoming);
  const last = messages.at(-1);
  const firstIncoming = batch[0];
  if (!last || (firstIncoming && firstIncoming.seq > last.seq)) return [...messages, ...batch];

  const result: Message[] = [];
  let changed = false;
  let i = 0;
  let j = 0;
  while (i < messages.length || j < batch.length) {
    const a = messages[i];
    const b = batch[j];
    if (a && (!b || a.seq < b.seq)) {
      result.push(a);
      i += 1;
    } else if (b && (!a || b.seq < a.seq)) {
      result.push(b);
      changed = true;
      j += 1;
    } else if (a && b) {
      const kept = newer(a, b);
      if (kept !== a) changed = true;
      result.push(kept);
      i += 1;
      j += 1;
    }
  }
  return changed ? result : messages;
}

/** Replaces messages that are already known with newer states; never inserts. */
export function updateMessages(messages: readonly Message[], updates: readonly Message[]): readonly Message[] {
  if (updates.length === 0 || messages.length === 0) return messages;
  const first = messages[0]!.seq;
  const last = messages.at(-1)!.seq;
  const known = updates.filter((m) => m.seq >= first && m.seq <= last);
  if (known.length === 0) return messages;
  const index = new Map<Seq, number>();
  messages.forEach((m, i) => index.set(m.seq, i));
  let result: Message[] | null = null;
  for (const update of known) {
    const at = index.get(update.seq);
    if (at === undefined) continue;
    const current = (result ?? messages)[at]!;
    if (update.rev > current.rev) {
      result ??= [...messages];
      result[at] = update;
    }
  }
  return result ?? messages;
}

function withoutPending(pending: readonly PendingMessage[], clientIds: ReadonlySet<string>): readonly PendingMessage[] {
  if (clientIds.size === 0 || pending.length === 0) return pending;
  const kept = pending.filter((p) => !clientIds.has(p.clientId));
  return kept.length === pending.length ? pending : kept;
}

function clientIdsOf(messages: readonly Message[]): Set<string> {
  const ids = new Set<string>();
  for (const message of messages) if (message.clientId) ids.add(message.clientId);
  return ids;
}

function finish(timeline: Timeline, messages: readonly Message[], pending: readonly PendingMessage[], extra: Partial<Timeline> = {}): Timeline {
  const next: Timeline = { ...timeline, messages, pending, ...extra };
  next.maxRev = maxRevOf(messages === timeline.messages ? [] : messages, timeline.maxRev);
  if (
    next.messages === timeline.messages &&
    next.pending === timeline.pending &&
    next.state === timeline.state &&
    next.hasNewer === timeline.hasNewer &&
    next.maxRev === timeline.maxRev
  ) {
    return timeline;
  }
  return next;
}

/**
 * Adds messages that are confirmed by the server (a live event, a send ack, a sync), dropping the
 * pending sends they confirm. While the window ends before the room's latest message, messages
 * beyond it are left out so the window never gets a hole; they load when the reader scrolls on.
 */
export function addMessages(timeline: Timeline, incoming: readonly Message[]): Timeline {
  if (incoming.length === 0) return timeline;
  let accepted = incoming;
  if (timeline.hasNewer) {
    const last = lastSeq(timeline) ?? 0;
    accepted = incoming.filter((m) => m.seq <= last);
  }
  const messages = mergeMessages(timeline.messages, accepted);
  const pending = withoutPending(timeline.pending, clientIdsOf(incoming));
  return finish(timeline, messages, pending);
}

/** Edits, deletions and reactions: replaces known messages, ignores the rest. */
export function applyUpdates(timeline: Timeline, updates: readonly Message[]): Timeline {
  return finish(timeline, updateMessages(timeline.messages, updates), timeline.pending);
}

export function startLoading(timeline: Timeline): Timeline {
  return timeline.state === 'loading' ? timeline : { ...timeline, state: 'loading' };
}

export function loadFailed(timeline: Timeline): Timeline {
  return { ...timeline, state: timeline.messages.length > 0 ? 'ready' : 'error' };
}

/**
 * The room's latest page. Live messages that arrived while it loaded and are newer than the page
 * are kept; anything older that does not join onto the page is dropped so no hole remains.
 */
export function loadLatest(timeline: Timeline, page: readonly Message[]): Timeline {
  const sorted = sortedUnique(page);
  const pageLast = sorted.at(-1)?.seq ?? 0;
  const newerLive = timeline.hasNewer ? [] : timeline.messages.filter((m) => m.seq > pageLast);
  const contiguous: Message[] = [];
  let expect = pageLast + 1;
  for (const message of newerLive) {
    if (message.seq !== expect) break;
    contiguous.push(message);
    expect += 1;
  }
  const messages = mergeMessages(sorted, contiguous);
  const pending = withoutPending(timeline.pending, clientIdsOf(messages));
  return finish({ ...timeline, maxRev: 0 }, messages, pending, { state: 'ready', hasNewer: false });
}

/** A window around an older message; the newest messages are not loaded. */
export function loadAround(timeline: Timeline, page: readonly Message[], roomLastSeq: Seq): Timeline {
  const messages = sortedUnique(page);
  const last = messages.at(-1)?.seq ?? 0;
  return finish({ ...timeline, maxRev: 0 }, messages, timeline.pending, {
    state: 'ready',
    hasNewer: last < roomLastSeq,
  });
}

/**
 * Older history, prepended. A page that does not reach the window (it was asked for before the
 * window moved, say to a search result) is dropped, so the window never gets a hole. A page asked
 * for `before` the window's first seq joins on even when its newest is further back: the seqs
 * between are replies in threads, which pages leave out (sync brings them).
 */
export function addOlder(timeline: Timeline, page: readonly Message[], before?: Seq): Timeline {
  const first = firstSeq(timeline);
  const joins = before !== undefined && before === first;
  if (first !== null && !joins && !page.some((m) => m.seq >= first - 1)) return timeline;
  const older = first === null ? page : page.filter((m) => m.seq < first);
  return finish(timeline, mergeMessages(timeline.messages, older), timeline.pending);
}

/** Newer history while the window is behind the latest message; a page that does not join on is dropped. */
export function addNewer(timeline: Timeline, page: readonly Message[], roomLastSeq: Seq): Timeline {
  const windowLast = lastSeq(timeline);
  const windowFirst = firstSeq(timeline);
  if (windowLast !== null && windowFirst !== null && !page.some((m) => m.seq <= windowLast + 1 && m.seq >= windowFirst)) {
    return timeline;
  }
  const messages = mergeMessages(timeline.messages, page);
  const last = messages.at(-1)?.seq ?? 0;
  const pending = withoutPending(timeline.pending, clientIdsOf(page));
  return finish(timeline, messages, pending, { hasNewer: last < roomLastSeq });
}

/** A send this client starts: shown at once as pending. */
export function addPending(timeline: Timeline, message: Omit<PendingMessage, 'status' | 'error'>): Timeline {
  if (timeline.pending.some((p) => p.clientId === message.clientId)) return timeline;
  if (timeline.messages.some((m) => m.clientId === message.clientId)) return timeline;
  return { ...timeline, pending: [...timeline.pending, { ...message, status: 'sending', error: null }] };
}

function setPendingStatus(timeline: Timeline, clientId: string, status: SendStatus, error: string | null): Timeline {
  const at = timeline.pending.findIndex((p) => p.clientId === clientId);
  if (at < 0) return timeline;
  const pending = [...timeline.pending];
  pending[at] = { ...pending[at]!, status, error };
  return { ...timeline, pending };
}

/** The server stored the message: it replaces its pending copy. */
export function confirmSend(timeline: Timeline, message: Message): Timeline {
  return addMessages(timeline, [message]);
}

/** A send failed; a no-op when the message was confirmed meanwhile. */
export function failSend(timeline: Timeline, clientId: string, error: string): Timeline {
  return setPendingStatus(timeline, clientId, 'failed', error);
}

export function retrySend(timeline: Timeline, clientId: string): Timeline {
  return setPendingStatus(timeline, clientId, 'sending', null);
}

/** Gives up on a failed send. */
export function discardPending(timeline: Timeline, clientId: string): Timeline {
  const pending = timeline.pending.filter((p) => p.clientId !== clientId);
  return pending.length === timeline.pending.length ? timeline : { ...timeline, pending };
}

export function findMessage(timeline: Timeline, seq: Seq): Message | undefined {
  const messages = timeline.messages;
  let lo = 0;
  let hi = messages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = messages[mid]!;
    if (m.seq === seq) return m;
    if (m.seq < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
