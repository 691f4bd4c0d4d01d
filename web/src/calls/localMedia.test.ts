import { describe, expect, it } from 'vitest';
import { mediaNotice, problemOf } from './localMedia';

describe('what a call joins without', () => {
  it('says nothing when it has everything', () => {
    expect(mediaNotice({ problems: {} }, 'video')).toBeNull();
    // A voice call never asked for the camera.
    expect(mediaNotice({ problems: { video: 'missing' } }, 'audio')).toBeNull();
  });

  it('names a refused permission and the way back', () => {
    const text = mediaNotice({ problems: { audio: 'refused', video: 'refused' } }, 'video');
    expect(text).toContain('No microphone or camera');
    expect(text).toContain('refused');
    expect(text).toContain('listen and watch only');
  });

  it('joins with audio only when there is no camera', () => {
    expect(mediaNotice({ problems: { video: 'missing' } }, 'video')).toBe('No camera: none was found. You joined with audio only.');
  });

  it('says others cannot hear when there is no microphone', () => {
    expect(mediaNotice({ problems: { audio: 'busy' } }, 'video')).toBe('No microphone: another app is using it. Others can’t hear you.');
  });

  it('reads the browser’s errors', () => {
    expect(problemOf(new DOMException('no', 'NotAllowedError'))).toBe('refused');
    expect(problemOf(new DOMException('none', 'NotFoundError'))).toBe('missing');
    expect(problemOf(new DOMException('in use', 'NotReadableError'))).toBe('busy');
    expect(problemOf(new Error('?'))).toBe('failed');
  });
});
