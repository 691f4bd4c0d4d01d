/** The `@` autocompletion of the composer: what is being typed, who fits it, and the text once picked. Pure. */
import type { UserId } from '../api/types';
import type { Member, Role } from './types';

/** The `@word` being typed just before the caret: where its `@` is and what follows it. */
export interface MentionQuery {
  start: number;
  query: string;
}

export interface MentionCandidate {
  /** What is written after the `@`. */
  username: string;
  label: string;
  userId: UserId | null;
}

const MAX = 8;

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|[^\w@.-])@([a-z0-9_.-]{0,32})$/i.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/**
 * Members whose username or display name starts with the query (any case), me excepted, at most
 * eight, usernames first; `@room` too for an owner or admin of a group.
 */
export function mentionCandidates(
  members: readonly Member[],
  query: string,
  me: UserId,
  room: { kind: 'direct' | 'group'; role: Role } | undefined,
): MentionCandidate[] {
  const q = query.toLowerCase();
  const byName: MentionCandidate[] = [];
  const byDisplay: MentionCandidate[] = [];
  for (const m of members) {
    if (m.userId === me) continue;
    const candidate = { username: m.username, label: m.displayName || m.username, userId: m.userId };
    if (m.username.toLowerCase().startsWith(q)) byName.push(candidate);
    else if ((m.displayName ?? '').toLowerCase().split(/\s+/).some((w) => w.startsWith(q))) byDisplay.push(candidate);
  }
  const found = [...byName.sort(byUsername), ...byDisplay.sort(byUsername)];
  if (room?.kind === 'group' && room.role !== 'member' && 'room'.startsWith(q)) {
    found.push({ username: 'room', label: 'Everyone in the room', userId: null });
  }
  return found.slice(0, MAX);
}

function byUsername(a: MentionCandidate, b: MentionCandidate): number {
  return a.username.localeCompare(b.username);
}

/** The text with the query replaced by `@username ` and where the caret goes. */
export function applyMention(text: string, at: MentionQuery, caret: number, username: string): { text: string; caret: number } {
  const inserted = `@${username} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, at.start) + inserted + rest, caret: at.start + inserted.length };
}
