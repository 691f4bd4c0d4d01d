import type { UserId } from '../api/types';
import type { Member, Message } from './types';

/**
 * Who has read the latest message: the members, other than me and its sender, whose read mark
 * has reached it. Listed in the order the server gave the members.
 */
export function seenBy(message: Message | undefined, members: readonly Member[], me: UserId): Member[] {
  if (!message || message.kind === 'system') return [];
  const sender = message.sender?.id;
  return members.filter((m) => m.userId !== me && m.userId !== sender && m.lastReadSeq >= message.seq);
}

/** "Seen" in a direct room; "Seen by Bob", "Seen by Bob and Carol", "Seen by Bob, Carol and 3 others". */
export function seenText(names: readonly string[], direct: boolean): string {
  if (names.length === 0) return '';
  if (direct) return 'Seen';
  if (names.length === 1) return `Seen by ${names[0]}`;
  if (names.length === 2) return `Seen by ${names[0]} and ${names[1]}`;
  const rest = names.length - 2;
  return `Seen by ${names[0]}, ${names[1]} and ${rest} other${rest === 1 ? '' : 's'}`;
}
