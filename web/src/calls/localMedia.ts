/**
 * This device's microphone, camera and screen. A call joins with whatever it can get: both, the
 * microphone only, the camera only, or nothing (receive only), and says in one sentence what is
 * missing and why (`mediaNotice`).
 *
 * Invariants: every track this module hands out is stopped by whoever replaces it; a call asks
 * for the pair once, then for each device on its own only if the pair failed.
 */
import type { CallKind } from './types';
import type { MediaKind } from './transport';

export type MediaProblem = 'refused' | 'missing' | 'busy' | 'unsupported' | 'failed';

export interface LocalMedia {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  problems: Partial<Record<MediaKind, MediaProblem>>;
}

export interface DeviceChoice {
  audioInput?: string;
  videoInput?: string;
}

export function problemOf(error: unknown): MediaProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  if (name === 'TypeError') return 'unsupported';
  return 'failed';
}

function constraint(deviceId: string | undefined, base: MediaTrackConstraints = {}): MediaTrackConstraints | boolean {
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : Object.keys(base).length ? base : true;
}

const VIDEO_BASE: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

async function one(kind: MediaKind, choice: DeviceChoice): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia(
    kind === 'audio' ? { audio: constraint(choice.audioInput) } : { video: constraint(choice.videoInput, VIDEO_BASE) },
  );
  return stream.getTracks()[0]!;
}

/** Asks for the microphone (and the camera for a video call), falling back to what is available. */
export async function acquireLocalMedia(kind: CallKind, choice: DeviceChoice = {}): Promise<LocalMedia> {
  if (!navigator.mediaDevices?.getUserMedia) return { audio: null, video: null, problems: { audio: 'unsupported', ...(kind === 'video' ? { video: 'unsupported' } : {}) } };
  const wanted: MediaKind[] = kind === 'video' ? ['audio', 'video'] : ['audio'];
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: constraint(choice.audioInput),
      video: kind === 'video' ? constraint(choice.videoInput, VIDEO_BASE) : false,
    });
    return { audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null, problems: {} };
  } catch (error) {
    if (wanted.length === 1) return { audio: null, video: null, problems: { audio: problemOf(error) } };
  }
  // One of the two is refused, missing or busy (either fails the pair): take each on its own.
  const media: LocalMedia = { audio: null, video: null, problems: {} };
  for (const k of wanted) {
    try {
      media[k] = await one(k, choice);
    } catch (error) {
      media.problems[k] = problemOf(error);
    }
  }
  return media;
}

/** A new track from another device of the same kind. */
export function switchDevice(kind: MediaKind, deviceId: string): Promise<MediaStreamTrack> {
  return one(kind, kind === 'audio' ? { audioInput: deviceId } : { videoInput: deviceId });
}

/** Asks for a screen, window or tab; the track is tuned for legible detail rather than motion. */
export async function captureScreen(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
  const track = stream.getVideoTracks()[0]!;
  track.contentHint = 'detail';
  return track;
}

const WHAT: Record<MediaKind, string> = { audio: 'microphone', video: 'camera' };

function because(problem: MediaProblem): string {
  switch (problem) {
    case 'refused':
      return 'access was refused (allow it in the site settings of your browser)';
    case 'missing':
      return 'none was found';
    case 'busy':
      return 'another app is using it';
    case 'unsupported':
      return 'this browser or page cannot use it (calls need https)';
    case 'failed':
      return 'it could not be started';
  }
}

/** One or two sentences on what this device joined without, or null when it has everything. */
export function mediaNotice(media: Pick<LocalMedia, 'problems'>, kind: CallKind): string | null {
  const audio = media.problems.audio;
  const video = kind === 'video' ? media.problems.video : undefined;
  if (!audio && !video) return null;
  if (audio && video && audio === video) {
    return `No microphone or camera: ${because(audio)}. You joined to listen${kind === 'video' ? ' and watch' : ''} only.`;
  }
  const parts: string[] = [];
  if (audio) parts.push(`No ${WHAT.audio}: ${because(audio)}. Others can’t hear you.`);
  if (video) parts.push(`No ${WHAT.video}: ${because(video)}. You joined with audio only.`);
  return parts.join(' ');
}

export interface MediaDevices {
  audioInputs: MediaDeviceInfo[];
  videoInputs: MediaDeviceInfo[];
  audioOutputs: MediaDeviceInfo[];
}

export async function listDevices(): Promise<MediaDevices> {
  const all = navigator.mediaDevices?.enumerateDevices ? await navigator.mediaDevices.enumerateDevices() : [];
  const real = all.filter((d) => d.deviceId);
  return {
    audioInputs: real.filter((d) => d.kind === 'audioinput'),
    videoInputs: real.filter((d) => d.kind === 'videoinput'),
    audioOutputs: real.filter((d) => d.kind === 'audiooutput'),
  };
}

/** Whether this browser can choose where audio plays. */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}
