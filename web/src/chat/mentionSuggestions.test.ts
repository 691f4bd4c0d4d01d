import { describe, expect, it } from 'vitest';
import { applyMention, mentionCandidates, mentionQueryAt } from './mentionSuggestions';
import type { Member } from './types';

const member = (userId: number, username: string, displayName: string): Member => ({
  userId,
  username,
  displayName,
  role: 'member',
  joinedAt: 0,
  lastReadSeq: 0,
});
const members = [member(1, 'ann', 'Ann Lee'), member(2, 'bob', 'Bob Stone'), member(3, 'bobby', 'Robert'), member(4, 'cat', 'Cat Bobson')];

describe('mention suggestions', () => {
  it('finds the @word before the caret, not inside addresses', () => {
    expect(mentionQueryAt('hi @bo', 6)).toEqual({ start: 3, query: 'bo' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail me@bo', 10)).toBeNull();
    expect(mentionQueryAt('hi @bo there', 12)).toBeNull();
    expect(mentionQueryAt('(@b', 3)).toEqual({ start: 1, query: 'b' });
  });

  it('lists members by username, then display name, never me; @room for managers of groups', () => {
    const group = { kind: 'group' as const, role: 'member' as const };
    expect(mentionCandidates(members, 'bo', 1, group).map((c) => c.username)).toEqual(['bob', 'bobby', 'cat']);
    expect(mentionCandidates(members, 'an', 1, group)).toEqual([]);
    expect(mentionCandidates(members, 'ro', 1, group).map((c) => c.username)).toEqual(['bobby']);
    expect(mentionCandidates(members, 'ro', 1, { kind: 'group', role: 'admin' }).map((c) => c.username)).toEqual(['bobby', 'room']);
    expect(mentionCandidates(members, '', 1, { kind: 'direct', role: 'member' })).toHaveLength(3);
  });

  it('puts the picked name in place of the query', () => {
    const at = mentionQueryAt('hi @bo look', 6)!;
    expect(applyMention('hi @bo look', at, 6, 'bob')).toEqual({ text: 'hi @bob look', caret: 8 });
    expect(applyMention('@b', { start: 0, query: 'b' }, 2, 'bob')).toEqual({ text: '@bob ', caret: 5 });
  });
});
