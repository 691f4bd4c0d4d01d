/**
 * Where the outbox keeps the messages it has not delivered yet, so they survive a reload: one
 * IndexedDB database per user in the browser, or memory where IndexedDB is missing. Every
 * method resolves even when the browser refuses storage (private modes, full disks): the
 * outbox then still works for the life of the page.
 */
import type { UserId } from '../api/types';
import type { Attachment, RoomId, Seq } from './types';

/** A message written here and not yet stored by the server. */
export interface OutboxEntry {
  clientId: string;
  roomId: RoomId;
  content: string;
  replyTo: Seq | null;
  attachments?: readonly Attachment[];
  createdAt: number;
  /** The order messages go out in: increasing, unique, kept across reloads. */
  position: number;
  /** `failed` only once the server refused it; anything else waits to be sent again. */
  status: 'sending' | 'failed';
  error: string | null;
}

export interface OutboxStorage {
  /** Every entry, in the order they go out. */
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(clientId: string): Promise<void>;
}

const STORE = 'messages';

function byAge(entries: OutboxEntry[]): OutboxEntry[] {
  return entries.sort((a, b) => a.position - b.position);
}

export function memoryOutbox(): OutboxStorage {
  const entries = new Map<string, OutboxEntry>();
  return {
    all: async () => byAge([...entries.values()].map((e) => ({ ...e }))),
    put: async (entry) => void entries.set(entry.clientId, { ...entry }),
    remove: async (clientId) => void entries.delete(clientId),
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The outbox of `userId` in IndexedDB (`factory` is the browser's by default). */
export function indexedDbOutbox(userId: UserId, factory: IDBFactory = indexedDB): OutboxStorage {
  let opened: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(`parley-outbox-${userId}`, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'clientId' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('outbox storage blocked'));
    }).catch((error: unknown) => {
      opened = null;
      throw error;
    });
    return opened;
  };
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    const tx = db.transaction(STORE, mode);
    const result = request(work(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return result;
  };
  const memory = memoryOutbox();
  return {
    all: () =>
      run('readonly', (store) => store.getAll() as IDBRequest<OutboxEntry[]>).then(
        (entries) => byAge(entries),
        () => memory.all(),
      ),
    put: (entry) =>
      run('readwrite', (store) => store.put({ ...entry })).then(
        () => undefined,
        () => memory.put(entry),
      ),
    remove: (clientId) =>
      run('readwrite', (store) => store.delete(clientId)).then(
        () => memory.remove(clientId),
        () => memory.remove(clientId),
      ),
  };
}
