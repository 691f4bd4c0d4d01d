import { describe, expect, it } from 'vitest';
import { fingerprintPrefix, UnfinishedUploads, type UnfinishedStorage, type UnfinishedUpload } from './unfinishedUploads';

function storage(initial: (UnfinishedUpload & { fingerprint: string })[]) {
  const notes = [...initial];
  const terminated: string[] = [];
  const fake: UnfinishedStorage = {
    find: (prefix) => Promise.resolve(notes.filter((n) => n.fingerprint.startsWith(prefix)).map(({ fingerprint: _, ...u }) => u)),
    remove: (key) => {
      notes.splice(notes.findIndex((n) => n.key === key), 1);
      return Promise.resolve();
    },
    terminate: (url) => {
      terminated.push(url);
      return Promise.resolve();
    },
  };
  return { fake, terminated, notes };
}

const note = (key: string, userId: number, name: string) => ({
  key,
  fingerprint: `${fingerprintPrefix(userId)}${name}/application/octet-stream/10/5`,
  name,
  size: 10,
  uploadUrl: `/api/uploads/${key}`,
});

describe('UnfinishedUploads', () => {
  it('lists only this user’s unfinished uploads', async () => {
    const { fake } = storage([note('a', 7, 'mine.bin'), note('b', 8, 'theirs.bin'), note('c', 70, 'other.bin')]);
    const unfinished = new UnfinishedUploads(fake, 7);
    let heard = 0;
    unfinished.subscribe(() => (heard += 1));
    await unfinished.refresh();
    expect(unfinished.getSnapshot().map((u) => u.name)).toEqual(['mine.bin']);
    await unfinished.refresh();
    expect(heard).toBe(1);
  });

  it('forgetting one deletes it on the server and in the browser', async () => {
    const { fake, terminated, notes } = storage([note('a', 7, 'mine.bin')]);
    const unfinished = new UnfinishedUploads(fake, 7);
    await unfinished.refresh();
    await unfinished.forget(unfinished.getSnapshot()[0]!);
    expect(terminated).toEqual(['/api/uploads/a']);
    expect(notes).toEqual([]);
    expect(unfinished.getSnapshot()).toEqual([]);
  });
});
