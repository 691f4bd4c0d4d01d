/** Hands the files store to the components under it, with hooks for uploads and signed links. */
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Attachment, RoomId } from '../chat/types';
import type { FilesStore } from './FilesStore';
import type { FileLink, LinkWish } from './signedLinks';
import type { UnfinishedUpload } from './unfinishedUploads';
import { roomUploads, type RoomUploads, type UploadsState } from './uploadsState';

const StoreContext = createContext<FilesStore | null>(null);

export function FilesProvider({ store, children }: { store: FilesStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

export function useFiles(): FilesStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('FilesProvider is missing above this component');
  return store;
}

/** The files waiting to go with a room's next message. */
export function useRoomUploads(roomId: RoomId): RoomUploads {
  const { uploads } = useFiles();
  return useSyncExternalStore(uploads.subscribe, () => roomUploads(uploads.getState(), roomId));
}

/**
 * Unfinished uploads of earlier visits that no chip is resuming now, read again whenever the
 * chips change (a resumed upload that finishes drops its note).
 */
export function useUnfinishedUploads(): readonly UnfinishedUpload[] {
  const { uploads, unfinished } = useFiles();
  const state = useSyncExternalStore(uploads.subscribe, uploads.getState);
  const list = useSyncExternalStore(unfinished.subscribe, unfinished.getSnapshot);
  const chipKey = chipSummary(state);
  useEffect(() => {
    void unfinished.refresh();
  }, [unfinished, chipKey]);
  return useMemo(() => {
    const names = new Set(Object.values(state).flatMap((room) => room.chips.map((c) => c.name)));
    return list.filter((u) => !names.has(u.name));
  }, [list, state]);
}

function chipSummary(state: UploadsState): string {
  return Object.values(state)
    .flatMap((room) => room.chips.map((c) => `${c.key}:${c.status}`))
    .join(',');
}

function wishesOf(attachments: readonly Pick<Attachment, 'id' | 'thumbnailUrl'>[]): LinkWish[] {
  return attachments.map((a) => ({ id: a.id, thumbnail: Boolean(a.thumbnailUrl) }));
}

/**
 * Signed links for the files on screen, by file id: asked for when shown, renewed shortly before
 * they expire (the component renders again then, without a link until the new one arrives).
 */
export function useFileLinks(attachments: readonly Pick<Attachment, 'id' | 'thumbnailUrl'>[]): ReadonlyMap<string, FileLink> {
  const { links } = useFiles();
  const version = useSyncExternalStore(links.subscribe, links.getVersion);
  const [tick, setTick] = useState(0);
  const key = attachments.map((a) => `${a.id}:${a.thumbnailUrl ? 1 : 0}`).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const wishes = useMemo(() => wishesOf(attachments), [key]);

  useEffect(() => {
    links.want(wishes);
    const renewAt = links.renewAt(wishes.map((w) => w.id));
    if (renewAt === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(1_000, renewAt - Date.now() + 50));
    return () => clearTimeout(timer);
  }, [links, wishes, version, tick]);

  return useMemo(() => {
    const found = new Map<string, FileLink>();
    for (const wish of wishes) {
      const link = links.get(wish);
      if (link) found.set(wish.id, link);
    }
    return found;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [links, wishes, version, tick]);
}
