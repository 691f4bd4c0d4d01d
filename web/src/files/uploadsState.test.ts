import { describe, expect, it } from 'vitest';
import { allDone, attachmentsOf, roomUploads, uploadsReducer, type UploadsAction, type UploadsState } from './uploadsState';

const added = (key: string, roomId = 1, size = 100): UploadsAction => ({
  type: 'added',
  chip: { key, roomId, name: `${key}.png`, size, type: 'image/png', previewUrl: null },
});

function run(...actions: UploadsAction[]): UploadsState {
  return actions.reduce(uploadsReducer, {} as UploadsState);
}

describe('uploadsReducer', () => {
  it('keeps progress within the file and a done chip done', () => {
    const state = run(added('a'), { type: 'started', key: 'a' }, { type: 'progressed', key: 'a', sent: 500 });
    expect(roomUploads(state, 1).chips[0]!.sent).toBe(100);
    const done = run(added('a'), { type: 'started', key: 'a' }, { type: 'finished', key: 'a', fileId: 'f' }, { type: 'failed', key: 'a', error: 'x' }, { type: 'started', key: 'a' });
    expect(roomUploads(done, 1).chips[0]).toMatchObject({ status: 'done', fileId: 'f', sent: 100, error: null });
  });

  it('ignores progress of a chip that is not uploading, and actions on unknown chips', () => {
    const state = run(added('a'), { type: 'progressed', key: 'a', sent: 50 });
    expect(roomUploads(state, 1).chips[0]!.sent).toBe(0);
    expect(uploadsReducer(state, { type: 'finished', key: 'zzz', fileId: 'f' })).toBe(state);
  });

  it('drops a room, and its queued message, with its last chip', () => {
    const state = run(added('a'), { type: 'queued', roomId: 1, message: { content: 'hi', replyTo: null } }, { type: 'removed', key: 'a' });
    expect(state).toEqual({});
    expect(run({ type: 'queued', roomId: 1, message: { content: 'hi', replyTo: null } })).toEqual({});
  });

  it('is ready only when every chip is done, and lists their files in order', () => {
    let state = run(added('a'), added('b'), { type: 'finished', key: 'b', fileId: 'fb' });
    expect(allDone(roomUploads(state, 1))).toBe(false);
    state = uploadsReducer(state, { type: 'finished', key: 'a', fileId: 'fa' });
    expect(allDone(roomUploads(state, 1))).toBe(true);
    expect(attachmentsOf(roomUploads(state, 1)).map((a) => [a.id, a.url, a.kind])).toEqual([
      ['fa', '/api/files/fa/content', 'image'],
      ['fb', '/api/files/fb/content', 'image'],
    ]);
    expect(allDone(roomUploads({}, 1))).toBe(false);
  });
});
