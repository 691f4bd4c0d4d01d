import { describe, expect, it } from 'vitest';
import {
  adapt,
  ceilingLevel,
  INITIAL_ADAPTATION,
  lossBetween,
  PAUSE_AFTER_BAD_SAMPLES,
  pickActiveSpeaker,
  qualityLevel,
  RAISE_AFTER_GOOD_SAMPLES,
  SEND_LEVELS,
  type AdaptationState,
  type LinkSample,
} from './quality';

const GOOD: LinkSample = { loss: 0, rttMs: 40 };
const BAD: LinkSample = { loss: 0.2, rttMs: 80 };
const SO_SO: LinkSample = { loss: 0.04, rttMs: 80 };

function feed(samples: LinkSample[], participants = 2, from: AdaptationState = INITIAL_ADAPTATION): AdaptationState {
  return samples.reduce((state, sample) => adapt(state, sample, participants), from);
}

describe('quality adaptation', () => {
  it('sends less as the call grows, never more', () => {
    const ceilings = [2, 3, 4, 5, 6].map(ceilingLevel);
    expect(ceilings).toEqual([...ceilings].sort((a, b) => a - b));
    expect(ceilingLevel(2)).toBe(0);
    expect(feed([GOOD], 6).level).toBe(ceilingLevel(6));
    expect(SEND_LEVELS[ceilingLevel(6)]!.maxBitrate).toBeLessThan(SEND_LEVELS[0]!.maxBitrate);
  });

  it('steps down one level per bad sample', () => {
    expect(feed([BAD]).level).toBe(1);
    expect(feed([BAD, BAD]).level).toBe(2);
  });

  it('steps back up only after a run of good samples', () => {
    const low = feed([BAD, BAD]);
    expect(feed(Array(RAISE_AFTER_GOOD_SAMPLES - 1).fill(GOOD), 2, low).level).toBe(2);
    expect(feed(Array(RAISE_AFTER_GOOD_SAMPLES).fill(GOOD), 2, low).level).toBe(1);
    // A middling sample breaks the run.
    expect(feed([...Array(RAISE_AFTER_GOOD_SAMPLES - 1).fill(GOOD), SO_SO, GOOD], 2, low).level).toBe(2);
  });

  it('never rises above the call size’s ceiling', () => {
    const start = { ...INITIAL_ADAPTATION, level: 4 };
    expect(feed(Array(50).fill(GOOD), 4, start).level).toBe(ceilingLevel(4));
  });

  it('pauses video only after the lowest level stayed bad', () => {
    const lowest = SEND_LEVELS.length - 1;
    const toBottom = Array(lowest).fill(BAD);
    const atBottom = feed(toBottom);
    expect(atBottom.level).toBe(lowest);
    expect(atBottom.videoPaused).toBe(false);
    expect(feed(Array(PAUSE_AFTER_BAD_SAMPLES - 2).fill(BAD), 2, atBottom).videoPaused).toBe(false);
    expect(feed(Array(PAUSE_AFTER_BAD_SAMPLES - 1).fill(BAD), 2, atBottom).videoPaused).toBe(true);
  });

  it('treats a long round trip like loss', () => {
    expect(feed([{ loss: 0, rttMs: 900 }]).level).toBe(1);
  });
});

describe('link quality', () => {
  it('grades a link from loss and round-trip time', () => {
    expect(qualityLevel({ loss: null, rttMs: null })).toBe('unknown');
    expect(qualityLevel(GOOD)).toBe('good');
    expect(qualityLevel(SO_SO)).toBe('fair');
    expect(qualityLevel({ loss: 0, rttMs: 400 })).toBe('fair');
    expect(qualityLevel(BAD)).toBe('poor');
  });

  it('computes loss over an interval from cumulative counters', () => {
    expect(lossBetween(null, { lost: 0, received: 0 })).toBeNull();
    expect(lossBetween(null, { lost: 10, received: 90 })).toBeCloseTo(0.1);
    expect(lossBetween({ lost: 10, received: 90 }, { lost: 10, received: 190 })).toBe(0);
    expect(lossBetween({ lost: 10, received: 90 }, { lost: 30, received: 170 })).toBeCloseTo(0.2);
  });
});

describe('active speaker', () => {
  it('is the loudest device above the threshold', () => {
    expect(pickActiveSpeaker({ a: 0.001, b: 0.3, c: 0.1 }, null)).toBe('b');
    expect(pickActiveSpeaker({ a: 0.001, b: 0.005 }, null)).toBeNull();
  });

  it('keeps the highlight until someone is clearly louder', () => {
    expect(pickActiveSpeaker({ a: 0.2, b: 0.25 }, 'a')).toBe('a');
    expect(pickActiveSpeaker({ a: 0.2, b: 0.4 }, 'a')).toBe('b');
    expect(pickActiveSpeaker({ a: 0.001, b: 0.1 }, 'a')).toBe('b');
  });
});
