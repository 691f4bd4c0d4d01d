/**
 * Quality decisions from measurements, without WebRTC objects: how much video to send for the
 * call's size and the measured loss, when to give up on video, how good a link looks, and who is
 * speaking.
 *
 * Invariants: the send level only drops by one step per bad sample and only rises after several
 * good ones in a row (no flapping); video pauses only after the lowest level stayed bad for
 * `PAUSE_AFTER_BAD_SAMPLES` samples; a larger call never gets a higher level than a smaller one.
 */
import type { QualityLevel } from './callState';

/** A way of sending video; the sender's encoding parameters. */
export interface SendLevel {
  maxBitrate: number;
  scaleResolutionDownBy: number;
  maxFramerate: number;
}

/** From best to worst. */
export const SEND_LEVELS: readonly SendLevel[] = [
  { maxBitrate: 1_500_000, scaleResolutionDownBy: 1, maxFramerate: 30 },
  { maxBitrate: 800_000, scaleResolutionDownBy: 1.5, maxFramerate: 30 },
  { maxBitrate: 450_000, scaleResolutionDownBy: 2, maxFramerate: 24 },
  { maxBitrate: 250_000, scaleResolutionDownBy: 3, maxFramerate: 20 },
  { maxBitrate: 120_000, scaleResolutionDownBy: 4, maxFramerate: 15 },
];

export const LOSS_BAD = 0.08;
export const LOSS_GOOD = 0.02;
export const RTT_BAD_MS = 600;
export const RAISE_AFTER_GOOD_SAMPLES = 5;
export const PAUSE_AFTER_BAD_SAMPLES = 4;

/** The best level a call of this many participants (this device included) may send at. */
export function ceilingLevel(participants: number): number {
  if (participants <= 2) return 0;
  if (participants === 3) return 1;
  if (participants <= 4) return 2;
  return 3;
}

export interface AdaptationState {
  level: number;
  goodRun: number;
  badRun: number;
  videoPaused: boolean;
}

export const INITIAL_ADAPTATION: AdaptationState = { level: 0, goodRun: 0, badRun: 0, videoPaused: false };

export interface LinkSample {
  /** Fraction lost since the previous sample (0..1), null when nothing was sent. */
  loss: number | null;
  rttMs: number | null;
}

/** The next adaptation state after one sample (the worst of the call's links). */
export function adapt(state: AdaptationState, sample: LinkSample, participants: number): AdaptationState {
  const ceiling = ceilingLevel(participants);
  const bad = (sample.loss ?? 0) >= LOSS_BAD || (sample.rttMs ?? 0) >= RTT_BAD_MS;
  const good = (sample.loss ?? 0) <= LOSS_GOOD && (sample.rttMs ?? 0) < RTT_BAD_MS / 2;
  let { level, goodRun, badRun } = state;
  level = Math.max(level, ceiling);
  if (bad) {
    goodRun = 0;
    badRun += 1;
    if (level < SEND_LEVELS.length - 1) {
      level += 1;
      badRun = level === SEND_LEVELS.length - 1 ? 1 : 0;
    }
  } else if (good) {
    badRun = 0;
    goodRun += 1;
    if (goodRun >= RAISE_AFTER_GOOD_SAMPLES && level > ceiling) {
      level -= 1;
      goodRun = 0;
    }
  } else {
    goodRun = 0;
    badRun = 0;
  }
  const videoPaused = state.videoPaused || (level === SEND_LEVELS.length - 1 && badRun >= PAUSE_AFTER_BAD_SAMPLES);
  return { level, goodRun, badRun, videoPaused };
}

/** What the person sees about one link. */
export function qualityLevel(sample: LinkSample): QualityLevel {
  if (sample.loss === null && sample.rttMs === null) return 'unknown';
  const loss = sample.loss ?? 0;
  const rtt = sample.rttMs ?? 0;
  if (loss >= LOSS_BAD || rtt >= RTT_BAD_MS) return 'poor';
  if (loss >= LOSS_GOOD || rtt >= RTT_BAD_MS / 2) return 'fair';
  return 'good';
}

/** Loss in an interval from cumulative counters; null when no packets were expected. */
export function lossBetween(before: { lost: number; received: number } | null, after: { lost: number; received: number }): number | null {
  const lost = after.lost - (before?.lost ?? 0);
  const received = after.received - (before?.received ?? 0);
  const expected = lost + received;
  if (expected <= 0) return null;
  return Math.min(1, Math.max(0, lost / expected));
}

export const SPEAKING_LEVEL = 0.02;

/**
 * The device speaking loudest above the threshold; the current speaker keeps the highlight
 * while still speaking and nobody is clearly (1.5×) louder.
 */
export function pickActiveSpeaker(levels: Record<string, number>, current: string | null): string | null {
  let best: string | null = null;
  let bestLevel = SPEAKING_LEVEL;
  for (const [device, level] of Object.entries(levels)) {
    if (level > bestLevel) {
      best = device;
      bestLevel = level;
    }
  }
  const currentLevel = current ? (levels[current] ?? 0) : 0;
  if (current && currentLevel >= SPEAKING_LEVEL && bestLevel < currentLevel * 1.5) return current;
  return best;
}
