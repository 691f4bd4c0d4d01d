import { describe, expect, it } from 'vitest';
import { answerExpected, decideOnDescription, isPolite, offerTargets, type NegotiationSnapshot } from './negotiation';
import type { Call } from './types';

const stable: NegotiationSnapshot = { polite: false, makingOffer: false, signalingState: 'stable', settingRemoteAnswer: false };

describe('perfect negotiation decisions', () => {
  it('makes exactly one side of a pair polite: the smaller deviceId', () => {
    expect(isPolite('aaa', 'bbb')).toBe(true);
    expect(isPolite('bbb', 'aaa')).toBe(false);
    for (const [a, b] of [['x1', 'x2'], ['Zz', 'aa'], ['AbC_-1', 'AbC_-2']] as const) {
      expect(isPolite(a, b)).not.toBe(isPolite(b, a));
    }
  });

  it('accepts an offer when stable, and answers always', () => {
    expect(decideOnDescription('offer', stable)).toBe('accept');
    expect(decideOnDescription('answer', { ...stable, signalingState: 'have-local-offer' })).toBe('accept');
  });

  it('on glare the impolite side ignores the other offer and the polite side rolls back', () => {
    const glare = { ...stable, signalingState: 'have-local-offer' as const };
    expect(decideOnDescription('offer', { ...glare, polite: false })).toBe('ignore');
    expect(decideOnDescription('offer', { ...glare, polite: true })).toBe('rollback-and-accept');
  });

  it('counts an offer being made (not yet sent) as glare too', () => {
    expect(decideOnDescription('offer', { ...stable, makingOffer: true })).toBe('ignore');
    expect(decideOnDescription('offer', { ...stable, makingOffer: true, polite: true })).toBe('rollback-and-accept');
  });

  it('is ready for an offer while an answer is being applied', () => {
    expect(decideOnDescription('offer', { ...stable, signalingState: 'have-local-offer', settingRemoteAnswer: true })).toBe('accept');
  });

  it('expects an answer only after sending an offer', () => {
    expect(answerExpected('have-local-offer')).toBe(true);
    expect(answerExpected('stable')).toBe(false);
  });

  it('offers, on joining, to every other device in the call', () => {
    const call = {
      participants: [
        { userId: 1, deviceId: 'a' },
        { userId: 2, deviceId: 'me' },
        { userId: 3, deviceId: 'c' },
      ],
    } as Call;
    expect(offerTargets(call, 'me').map((p) => p.deviceId)).toEqual(['a', 'c']);
  });
});
