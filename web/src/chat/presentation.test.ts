import { describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, member, msg, room } from '../test/chatFixtures';
import { mentions } from './mentions';
import { notificationBody, shouldNotify } from './notifications';
import { seenBy, seenText } from './receipts';
import { typingText } from './typingText';

describe('typingText', () => {
  it('names one or two people, then gives up counting', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Alice'])).toBe('Alice is typing…');
    expect(typingText(['Alice', 'Bob'])).toBe('Alice and Bob are typing…');
    expect(typingText(['Alice', 'Bob', 'Carol'])).toBe('Several people are typing…');
  });
});

describe('seen by', () => {
  const members = [member(ALICE, 9), member(BOB, 9), member(CAROL, 8)];

  it('lists members other than me and the sender whose read mark reached the message', () => {
    expect(seenBy(msg(9, { sender: ALICE }), members, ALICE.id).map((m) => m.userId)).toEqual([BOB.id]);
    expect(seenBy(msg(8, { sender: ALICE }), members, ALICE.id).map((m) => m.userId)).toEqual([BOB.id, CAROL.id]);
    expect(seenBy(msg(9, { kind: 'system', sender: null }), members, ALICE.id)).toEqual([]);
  });

  it('words it for direct and group rooms', () => {
    expect(seenText(['Bob'], true)).toBe('Seen');
    expect(seenText([], false)).toBe('');
    expect(seenText(['Bob'], false)).toBe('Seen by Bob');
    expect(seenText(['Bob', 'Carol'], false)).toBe('Seen by Bob and Carol');
    expect(seenText(['Bob', 'Carol', 'Dan'], false)).toBe('Seen by Bob, Carol and 1 other');
    expect(seenText(['Bob', 'Carol', 'Dan', 'Eve'], false)).toBe('Seen by Bob, Carol and 2 others');
  });
});

describe('notifications', () => {
  const me = { id: ALICE.id, username: 'alice' };

  it('notifies only while hidden, never for my own or system messages', () => {
    expect(shouldNotify(msg(1), room({ kind: 'direct' }), me, true)).toBe(true);
    expect(shouldNotify(msg(1), room({ kind: 'direct' }), me, false)).toBe(false);
    expect(shouldNotify(msg(1, { sender: ALICE }), room({ kind: 'direct' }), me, true)).toBe(false);
    expect(shouldNotify(msg(1, { kind: 'system', sender: null }), room({ kind: 'direct' }), me, true)).toBe(false);
  });

  it('follows the room\'s notification level, and a mute', () => {
    const at = (level: 'all' | 'mentions' | 'nothing', mutedUntil: number | null = null) =>
      room({ kind: 'group', notifications: { level, mutedUntil } });
    const plain = msg(1, { mentions: [] });
    const toMe = msg(2, { content: 'ping @alice', mentions: [ALICE.id] });
    const toRoom = msg(3, { content: '@room', mentions: [], mentionsRoom: true });
    expect(shouldNotify(plain, room({ kind: 'group' }), me, true), 'all is the default').toBe(true);
    expect(shouldNotify(plain, at('all'), me, true)).toBe(true);
    expect(shouldNotify(plain, at('mentions'), me, true)).toBe(false);
    expect(shouldNotify(toMe, at('mentions'), me, true)).toBe(true);
    expect(shouldNotify(toRoom, at('mentions'), me, true)).toBe(true);
    expect(shouldNotify(toMe, at('nothing'), me, true)).toBe(false);
    expect(shouldNotify(plain, at('all', 2_000), me, true, 1_000), 'muted').toBe(false);
    expect(shouldNotify(toMe, at('all', 2_000), me, true, 1_000), 'a mention gets through a mute').toBe(true);
    expect(shouldNotify(toRoom, at('all', 2_000), me, true, 1_000), '@room gets through a mute').toBe(true);
    expect(shouldNotify(toMe, at('nothing', 2_000), me, true, 1_000), 'nothing is nothing').toBe(false);
    expect(shouldNotify(toMe, at('mentions', 500), me, true, 1_000), 'the mute is over').toBe(true);
    expect(shouldNotify(msg(4, { content: 'ping @alice' }), at('mentions'), me, true), 'an older server').toBe(true);
  });

  it('recognizes mentions by whole username only', () => {
    expect(mentions('hey @alice, look', 'alice')).toBe(true);
    expect(mentions('@Alice.', 'alice')).toBe(true);
    expect(mentions('mail alice@example.com', 'alice')).toBe(false);
    expect(mentions('@alicex', 'alice')).toBe(false);
  });

  it('keeps notification text plain and short', () => {
    expect(notificationBody('**hi** `x`\n> quote')).toBe('hi x quote');
    expect(notificationBody('a'.repeat(300))).toHaveLength(140);
  });
});
