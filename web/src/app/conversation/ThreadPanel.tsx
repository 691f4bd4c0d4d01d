import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { nameOf, type UserId } from '../../api/types';
import { useChat, useChatStore } from '../../chat/ChatContext';
import { buildRows } from '../../chat/rows';
import { emptyTimeline, mergeMessages, type Timeline } from '../../chat/timeline';
import type { Member, Message, RoomSummary, ThreadPage } from '../../chat/types';
import { describeError } from '../../realtime/describeError';
import { IconButton } from '../../ui/IconButton';
import { Spinner } from '../../ui/Spinner';
import { MessageRow } from './MessageRow';
import type { MessageActions, RowContext } from './rowContext';
import { unreadUpTo } from '../../chat/threadReads';
import styles from './ThreadPanel.module.css';

const NO_MEMBERS: readonly Member[] = [];

/**
 * One thread: its root, its replies (read over REST when opened, then live from the room, since
 * replies arrive as the room's messages), and a composer that replies in it. A side panel on
 * wide screens, the whole screen on a phone, with Back.
 */
export function ThreadPanel({
  room,
  rootSeq,
  actions,
  onClose,
}: {
  room: RoomSummary;
  rootSeq: number;
  actions: MessageActions;
  onClose: () => void;
}) {
  const store = useChatStore();
  const timeline = useChat((s) => s.timelines[room.id] ?? emptyTimeline);
  const members = useChat((s) => s.members[room.id] ?? NO_MEMBERS);
  const [page, setPage] = useState<ThreadPage | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const me = store.user;

  useEffect(() => {
    let current = true;
    setPage(null);
    setFailed(null);
    store.loader.thread(room.id, rootSeq).then(
      (loaded) => current && setPage(loaded),
      (error: unknown) => current && setFailed(describeError(error)),
    );
    return () => {
      current = false;
    };
  }, [store, room.id, rootSeq]);

  const messages = useMemo(() => {
    const live = timeline.messages.filter((m) => m.seq === rootSeq || m.threadRootSeq === rootSeq);
    const loaded: Message[] = page ? [page.root, ...page.replies] : [];
    return mergeMessages(loaded, live);
  }, [timeline.messages, page, rootSeq]);
  // what the open panel shows counts as read, replies that arrive while it is open included
  const root = messages.find((m) => m.seq === rootSeq);
  const readUpTo = useChat((s) => (root ? unreadUpTo(s, root) : null));
  useEffect(() => {
    if (readUpTo !== null) store.messages.markThreadRead(room.id, rootSeq, readUpTo);
  }, [store, room.id, rootSeq, readUpTo]);
  // the root and the replies as two runs, so the root never groups with its author's first reply
  const rootRows = useMemo(() => {
    const root: Timeline = { ...emptyTimeline, messages: messages.filter((m) => m.seq === rootSeq), state: 'ready' };
    return buildRows(root, me.id, null, true);
  }, [messages, rootSeq, me.id]);
  const replyRows = useMemo(() => {
    const replies: Timeline = { ...emptyTimeline, messages: messages.filter((m) => m.seq !== rootSeq), state: 'ready' };
    return buildRows(replies, me.id, null, true);
  }, [messages, rootSeq, me.id]);
  const replyCount = messages.filter((m) => m.seq !== rootSeq).length;
  const names = useMemo(() => new Map<UserId, string>(members.map((m) => [m.userId, nameOf(m)])), [members]);
  const composer = useRef<HTMLTextAreaElement>(null);

  const context: RowContext = useMemo(
    () => ({
      me: { id: me.id, username: me.username },
      roomId: room.id,
      direct: room.kind === 'direct',
      moderator: room.kind === 'group' && room.role !== 'member',
      names,
      actions: { ...actions, reply: () => composer.current?.focus(), openThread: undefined },
      inThread: true,
    }),
    [me.id, me.username, room.id, room.kind, room.role, names, actions],
  );

  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [replyRows.length]);

  return (
    <aside className={styles.panel} role="region" aria-label="Thread" data-testid="thread-panel">
      <header className={styles.header}>
        <IconButton icon="back" label="Back to the conversation" className={styles.back} onClick={onClose} />
        <div className={styles.title}>
          <h2 className={styles.heading}>Thread</h2>
          <span className={styles.sub}>{room.name}</span>
        </div>
        <IconButton icon="close" label="Close the thread" className={styles.close} onClick={onClose} />
      </header>
      <div className={styles.list} role="log" aria-label="Replies">
        {failed ? (
          <p className={styles.note} role="alert">
            Couldn’t load the thread. {failed}
          </p>
        ) : messages.length === 0 ? (
          <div className={styles.note} role="status">
            <Spinner size="small" /> Loading the thread…
          </div>
        ) : (
          <>
            {rootRows.map((row) => (
              <MessageRow key={row.key} row={row} context={context} highlightSeq={null} />
            ))}
            <div className={styles.divider} role="separator" data-testid="thread-reply-count">
              <span>{replyCount === 0 ? 'No replies yet' : `${replyCount} ${replyCount === 1 ? 'reply' : 'replies'}`}</span>
            </div>
            {replyRows
              .filter((row, i) => !(i === 0 && sameDay(row, rootRows)))
              .map((row) => (
                <MessageRow key={row.key} row={row} context={context} highlightSeq={null} />
              ))}
          </>
        )}
        <div ref={end} />
      </div>
      <ThreadComposer roomId={room.id} rootSeq={rootSeq} inputRef={composer} />
    </aside>
  );
}

/** Whether a day separator names the day the root's rows already name. */
function sameDay(row: ReturnType<typeof buildRows>[number], rootRows: ReturnType<typeof buildRows>): boolean {
  const rootDay = rootRows.find((r) => r.kind === 'day');
  if (row.kind !== 'day' || !rootDay || rootDay.kind !== 'day') return false;
  return new Date(row.time).toDateString() === new Date(rootDay.time).toDateString();
}

function ThreadComposer({
  roomId,
  rootSeq,
  inputRef,
}: {
  roomId: number;
  rootSeq: number;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const store = useChatStore();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    const content = text.trim();
    if (!content || busy) return;
    setBusy(true);
    setError(null);
    try {
      await store.messages.sendInThread(roomId, rootSeq, content);
      setText('');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <form className={styles.composer} onSubmit={submit}>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <div className={styles.row}>
        <textarea
          ref={inputRef}
          className={styles.input}
          rows={1}
          value={text}
          placeholder="Reply…"
          aria-label="Reply in this thread"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={keyDown}
        />
        <IconButton icon="send" label="Send reply" type="submit" disabled={busy || text.trim() === ''} />
      </div>
    </form>
  );
}
