import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { nameOf } from '../../api/types';
import { useChatStore } from '../../chat/ChatContext';
import { describeError } from '../../realtime/describeError';
import { createChatApi } from '../../chat/chatApi';
import { formatListTime, formatFull } from '../../chat/format';
import { chipLabel, isFilter, parseQuery, snippetParts, withFilter, withoutToken } from '../../chat/searchQuery';
import type { SearchHit } from '../../chat/types';
import { useApi } from '../../auth/AuthContext';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { IconButton } from '../../ui/IconButton';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { SearchField } from '../../ui/SearchField';
import { kindLabel } from '../../files/fileFormat';
import styles from './SearchView.module.css';

type Status = 'idle' | 'loading' | 'done' | 'error';

/** Markdown emphasis and code marks, which read as noise in an excerpt. */
const MARKS = /\*\*|__|~~|`+/g;

function Snippet({ text }: { text: SearchHit['snippet'] }) {
  return (
    <>
      {snippetParts(text).map((part, i) =>
        part.hit ? (
          <mark key={i} className={styles.mark}>
            {part.text.replace(MARKS, '')}
          </mark>
        ) : (
          <span key={i}>{part.text.replace(MARKS, '')}</span>
        ),
      )}
    </>
  );
}

/** Where a hit opens: the room at the message, or for a reply in a thread, at its root with the thread open. */
function hitLink(hit: SearchHit): string {
  const root = hit.message.threadRootSeq;
  if (root != null) return `/rooms/${hit.room.id}?around=${root}&thread=${root}`;
  return `/rooms/${hit.room.id}?around=${hit.message.seq}`;
}

function Hit({ hit }: { hit: SearchHit }) {
  const sender = hit.message.sender ? nameOf(hit.message.sender) : 'Parley';
  const snippet = hit.snippet.length > 0 ? hit.snippet : hit.message.content;
  return (
    <li>
      <Link
        className={styles.hit}
        to={hitLink(hit)}
        data-testid="search-hit"
      >
        <Avatar name={sender} size={36} />
        <span className={styles.hitBody}>
          <span className={styles.hitHead}>
            <span className={styles.hitSender}>{sender}</span>
            <span className={styles.hitRoom}>
              {hit.room.kind === 'group' ? <Icon name="hash" size={13} /> : null}
              {hit.room.name}
            </span>
            <time className={styles.hitTime} dateTime={new Date(hit.message.createdAt).toISOString()} title={formatFull(hit.message.createdAt)}>
              {formatListTime(hit.message.createdAt)}
            </time>
          </span>
          {(snippet.length > 0 || !hit.message.attachments?.length) && (
            <span className={styles.snippet}>
              <Snippet text={snippet} />
            </span>
          )}
          {hit.message.attachments?.length ? (
            <span className={styles.hitFiles} data-testid="search-hit-files">
              {hit.message.attachments.map((a) => (
                <span key={a.id} className={styles.hitFile}>
                  <Icon name={a.kind} size={14} />
                  <span className="visually-hidden">{kindLabel(a.kind)}: </span>
                  <span className={styles.hitFileName}>{a.name}</span>
                </span>
              ))}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

const QUICK_FILTERS: { label: string; kind: 'has' | 'from'; value: (me: string) => string }[] = [
  { label: 'Has a link', kind: 'has', value: () => 'link' },
  { label: 'From me', kind: 'from', value: () => 'me' },
  { label: 'Has a file', kind: 'has', value: () => 'file' },
  { label: 'Has an image', kind: 'has', value: () => 'image' },
];

/**
 * Full-text search over every room the user is in. The query language's filters show as chips
 * that can be removed; a result opens its room at the message, highlighted.
 */
export function SearchView() {
  const api = useApi();
  const store = useChatStore();
  const chat = useMemo(() => createChatApi(api), [api]);
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [text, setText] = useState(query);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('idle');
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useDocumentTitle(query ? `Search: ${query}` : 'Search');

  useEffect(() => setText(query), [query]);

  useEffect(() => {
    if (!query.trim()) {
      setHits([]);
      setStatus('idle');
      input.current?.focus();
      return undefined;
    }
    const controller = new AbortController();
    setStatus('loading');
    setError(null);
    chat.search(query, null, 20, controller.signal).then(
      (page) => {
        setHits(page.hits);
        setCursor(page.nextCursor);
        setStatus('done');
      },
      (e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(e instanceof ApiError && e.status === 404 ? 'Search isn’t available on this server yet.' : describeError(e));
        setStatus('error');
      },
    );
    return () => controller.abort();
  }, [chat, query]);

  const loadMore = async () => {
    if (!cursor) return;
    setMore(true);
    try {
      const page = await chat.search(query, cursor, 20);
      setHits((list) => [...list, ...page.hits]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setMore(false);
    }
  };

  // A new query replaces the page's entry in the history, so Back leaves search at once.
  const show = (q: string) => setParams(q ? { q } : {}, { replace: true });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    show(text.trim());
  };

  const tokens = parseQuery(query);
  const chips = tokens.map((token, index) => ({ token, index })).filter(({ token }) => isFilter(token));

  return (
    <section className={styles.pane} aria-label="Search messages">
      <div className={styles.top}>
        <IconButton
          icon="back"
          label="Back"
          className={styles.back}
          onClick={() => (location.key === 'default' ? navigate('/') : navigate(-1))}
        />
        <form role="search" className={styles.form} onSubmit={submit}>
          <SearchField
            ref={input}
            variant="page"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Search messages"
            enterKeyHint="search"
            data-testid="search-input"
          />
        </form>
      </div>
      <div className={styles.chips} aria-label="Filters">
        {chips.map(({ token, index }) => (
          <button
            key={`${index}:${token.raw}`}
            type="button"
            className={`${styles.chip} ${styles.chipOn}`}
            onClick={() => show(withoutToken(query, index))}
            aria-label={`Remove filter: ${chipLabel(token)}`}
            data-testid="filter-chip"
          >
            {chipLabel(token)}
            <Icon name="close" size={14} />
          </button>
        ))}
        {QUICK_FILTERS.filter((f) => !tokens.some((t) => t.kind === f.kind && (f.kind !== 'has' || t.value === f.value('')))).map((f) => (
          <button
            key={f.label}
            type="button"
            className={styles.chip}
            onClick={() => show(withFilter(query, f.kind, f.value(store.user.username)))}
          >
            <Icon name="plus" size={14} />
            {f.label}
          </button>
        ))}
      </div>
      <div className={styles.results} aria-live="polite" aria-busy={status === 'loading'}>
        {status === 'idle' && (
          <div className={styles.help}>
            <p className={styles.helpTitle}>Search every conversation you’re in</p>
            <ul className={styles.syntax}>
              <li><code>"exact phrase"</code> matches words together</li>
              <li><code>deploy*</code> matches words starting with “deploy”</li>
              <li><code>-word</code> leaves out messages with a word</li>
              <li><code>from:username</code>, <code>in:room-name</code></li>
              <li><code>before:2025-01-31</code>, <code>after:2025-01-01</code>, <code>has:link</code></li>
            </ul>
          </div>
        )}
        {status === 'loading' && <p className={styles.note}>Searching…</p>}
        {status === 'error' && <p className={styles.note}>{error}</p>}
        {status === 'done' && hits.length === 0 && <p className={styles.note}>No messages match “{query}”.</p>}
        {hits.length > 0 && status !== 'loading' && (
          <>
            <p className={styles.count}>{cursor ? `${hits.length}+ results` : `${hits.length} result${hits.length === 1 ? '' : 's'}`}</p>
            <ul className={styles.list}>
              {hits.map((hit) => (
                <Hit key={`${hit.room.id}:${hit.message.seq}`} hit={hit} />
              ))}
            </ul>
            {cursor && (
              <div className={styles.more}>
                <Button variant="secondary" size="small" busy={more} onClick={loadMore}>
                  Show more
                </Button>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
