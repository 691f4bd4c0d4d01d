/**
 * Signed links for files, which `<img>`, `<video>` and download links need because they cannot
 * send the Bearer header. Components say which files they show (`want`); the ids are gathered for
 * a moment and fetched in batches (`POST /api/files/links`); a link is used until shortly before
 * it expires and fetched again after that. Ids the server leaves out (no access) are not asked
 * for again for a while, and a failed request is retried on the next `want` after a pause.
 *
 * A file whose preview appears later (its message is updated with a `thumbnailUrl`) is fetched
 * again once for the preview's link.
 *
 * Invariant: at most one request per id is in flight; `get` never returns a link that expires
 * within REFRESH_MARGIN_MS.
 */
export interface FileLink {
  url: string;
  thumbnailUrl?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The server's answer: expiresAt in epoch seconds or milliseconds. */
export type FetchLinks = (ids: string[]) => Promise<Record<string, { url: string; thumbnailUrl?: string; expiresAt: number }>>;

export interface SignedLinksOptions {
  fetchLinks: FetchLinks;
  now?: () => number;
  /** Runs the batch later; a short timer by default. */
  schedule?: (run: () => void) => void;
}

/** A link is renewed this long before it expires. */
export const REFRESH_MARGIN_MS = 60_000;
/** How long ids the server refused, or a failed request, are left alone. */
export const PAUSE_MS = 30_000;
export const BATCH_SIZE = 100;
const GATHER_MS = 15;

/** Epoch seconds (the signature's clock) or milliseconds, as milliseconds. */
export function expiryMs(expiresAt: number): number {
  return expiresAt < 1e12 ? expiresAt * 1000 : expiresAt;
}

interface StoredLink extends FileLink {
  /** Fetched for a file known to have a preview: no need to ask again when none came. */
  askedForThumbnail: boolean;
}

export interface LinkWish {
  id: string;
  /** The file has a preview: a cached link without one is out of date. */
  thumbnail: boolean;
}

export class SignedLinks {
  private readonly links = new Map<string, StoredLink>();
  private readonly inFlight = new Set<string>();
  private readonly pausedUntil = new Map<string, number>();
  /** Ids to fetch, and whether a preview was wanted. */
  private readonly queue = new Map<string, boolean>();
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  private version = 0;
  private readonly now: () => number;
  private readonly schedule: (run: () => void) => void;

  constructor(private readonly options: SignedLinksOptions) {
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? ((run) => void setTimeout(run, GATHER_MS));
  }

  /** Changes on every new link: a snapshot for useSyncExternalStore. */
  readonly getVersion = (): number => this.version;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The file's link while it is good for at least REFRESH_MARGIN_MS more. */
  get(wish: LinkWish): FileLink | undefined {
    const link = this.links.get(wish.id);
    if (!link || !this.fresh(link, wish)) return undefined;
    return link;
  }

  /** When the earliest of these links needs renewing (epoch ms), or null when none is held. */
  renewAt(ids: readonly string[]): number | null {
    let earliest: number | null = null;
    for (const id of ids) {
      const link = this.links.get(id);
      if (!link) continue;
      const at = link.expiresAt - REFRESH_MARGIN_MS;
      if (earliest === null || at < earliest) earliest = at;
    }
    return earliest;
  }

  /** Asks for links of these files unless good ones are held or on their way. */
  want(wishes: readonly LinkWish[]): void {
    const now = this.now();
    for (const wish of wishes) {
      if (this.get(wish) || this.inFlight.has(wish.id) || this.queue.has(wish.id)) continue;
      if ((this.pausedUntil.get(wish.id) ?? 0) > now) continue;
      this.queue.set(wish.id, wish.thumbnail);
    }
    if (this.queue.size && !this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Drops a link that did not work (it expired early, or the file moved): the next want fetches it. */
  forget(id: string): void {
    this.links.delete(id);
  }

  private fresh(link: StoredLink, wish: LinkWish): boolean {
    if (wish.thumbnail && !link.thumbnailUrl && !link.askedForThumbnail) return false;
    return link.expiresAt - this.now() > REFRESH_MARGIN_MS;
  }

  private flush(): void {
    this.scheduled = false;
    const wanted = new Map(this.queue);
    this.queue.clear();
    const ids = [...wanted.keys()];
    for (let i = 0; i < ids.length; i += BATCH_SIZE) void this.fetch(ids.slice(i, i + BATCH_SIZE), wanted);
  }

  private async fetch(ids: string[], wantedThumbnail: ReadonlyMap<string, boolean>): Promise<void> {
    for (const id of ids) this.inFlight.add(id);
    try {
      const answer = await this.options.fetchLinks(ids);
      for (const id of ids) {
        const link = answer[id];
        if (link) {
          const entry: StoredLink = {
            url: link.url,
            expiresAt: expiryMs(link.expiresAt),
            askedForThumbnail: wantedThumbnail.get(id) ?? false,
          };
          if (link.thumbnailUrl) entry.thumbnailUrl = link.thumbnailUrl;
          this.links.set(id, entry);
          this.pausedUntil.delete(id);
        } else {
          this.pausedUntil.set(id, this.now() + PAUSE_MS);
        }
      }
    } catch {
      for (const id of ids) this.pausedUntil.set(id, this.now() + PAUSE_MS);
    } finally {
      for (const id of ids) this.inFlight.delete(id);
    }
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }
}
