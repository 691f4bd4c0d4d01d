import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { nameOf, type UserId } from '../../api/types';
import { useChat, useChatStore } from '../../chat/ChatContext';
import { seenBy, seenText } from '../../chat/receipts';
import { buildRows, messageKey, type Row } from '../../chat/rows';
import { emptyTimeline, findMessage, hasOlder } from '../../chat/timeline';
import type { Member, RoomSummary } from '../../chat/types';
import { Avatar } from '../../ui/Avatar';
import { usePageVisible } from '../../ui/hooks';
import { Icon } from '../../ui/Icon';
import { VirtualList, type ScrollInfo, type VirtualListHandle } from '../../ui/VirtualList';
import { MessageRow } from './MessageRow';
import type { MessageActions, RowContext } from './rowContext';
import { Spinner } from '../../ui/Spinner';
import styles from './Conversation.module.css';

const NO_MEMBERS: readonly Member[] = [];

export interface MessageListHandle {
  scrollToBottom(): void;
  /** Scrolls to a loaded message and highlights it; false when it is not loaded. */
  showMessage(seq: number): boolean;
}

function estimate(row: Row): number {
  switch (row.kind) {
    case 'day':
      return 46;
    case 'unread':
      return 30;
    case 'system':
      return 30;
    case 'message':
    case 'pending': {
      const text = row.kind === 'message' ? row.message.content : row.pending.content;
      const lines = Math.max(1, Math.ceil(text.length / 56)) + (text.match(/\n/g)?.length ?? 0);
      const reactions = row.kind === 'message' && row.message.reactions.length > 0 ? 30 : 0;
      const quote = (row.kind === 'message' ? row.message.replyTo : row.pending.replyTo) !== null ? 44 : 0;
      return 18 + lines * 21 + (row.first ? 30 : 2) + reactions + quote;
    }
  }
}

const rowKey = (row: Row) => row.key;

/**
 * Keyboard use of the history: with the list focused, the arrow keys step into the messages on
 * screen (and on from one to the next, in MessageRow); Escape goes back to the composer.
 */
function onLogKeyDown(event: KeyboardEvent<HTMLDivElement>) {
  const log = event.currentTarget;
  if (event.key === 'Escape') {
    log.closest('section')?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    return;
  }
  if (event.target !== log || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
  const view = log.getBoundingClientRect();
  const onScreen = [...log.querySelectorAll<HTMLElement>('[data-message]')].filter((row) => {
    const box = row.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  });
  const target = event.key === 'ArrowUp' ? onScreen.at(-1) : onScreen[0];
  if (target) {
    event.preventDefault();
    target.focus();
  }
}

interface MessageListProps {
  room: RoomSummary;
  /** Open at this message (highlighted) instead of at the end. */
  around: number | null;
  actions: MessageActions;
  handle: Ref<MessageListHandle>;
  /** The message the composer is editing, marked in the list. */
  editingSeq?: number | null;
}

/**
 * The conversation's history: a windowed list that loads older messages as the reader nears the
 * top (and newer ones when opened in the past), marks the room read while the end is in view,
 * and offers a jump back to the latest with the count of what arrived meanwhile.
 */
export function MessageList({ room, around, actions, handle, editingSeq = null }: MessageListProps) {
  const store = useChatStore();
  const roomId = room.id;
  const timeline = useChat((s) => s.timelines[roomId] ?? emptyTimeline);
  const members = useChat((s) => s.members[roomId] ?? NO_MEMBERS);
  const me = store.user;
  const [unreadAfter] = useState(() => (room.unreadCount > 0 && around === null ? room.lastReadSeq : null));
  const [highlight, setHighlight] = useState<number | null>(around);
  const [scroll, setScroll] = useState<ScrollInfo>({ atBottom: true, nearTop: false, nearBottom: true });
  const [baseline, setBaseline] = useState<number | null>(null);
  const visible = usePageVisible();
  const list = useRef<VirtualListHandle>(null);

  const rows = useMemo(() => buildRows(timeline, me.id, unreadAfter), [timeline, me.id, unreadAfter]);
  const names = useMemo(() => new Map<UserId, string>(members.map((m) => [m.userId, nameOf(m)])), [members]);
  const last = timeline.messages.at(-1);
  const lastSeq = last?.seq ?? 0;
  const older = hasOlder(timeline);

  const [initialKey] = useState(() => {
    if (around !== null) {
      const target = findMessage(timeline, around);
      return target ? { key: messageKey(target), align: 'center' as const } : null;
    }
    return rows.some((r) => r.kind === 'unread') ? { key: 'unread', align: 'start' as const } : null;
  });

  const context: RowContext = useMemo(
    () => ({
      me: { id: me.id, username: me.username },
      roomId,
      direct: room.kind === 'direct',
      moderator: room.kind === 'group' && room.role !== 'member',
      names,
      actions,
    }),
    [me.id, me.username, roomId, room.kind, room.role, names, actions],
  );

  // Read while the newest messages are on screen and the page is visible.
  useEffect(() => {
    if (scroll.atBottom && visible && !timeline.hasNewer && lastSeq > 0) store.messages.markRead(roomId, lastSeq);
  }, [store, roomId, scroll.atBottom, visible, timeline.hasNewer, lastSeq]);

  useEffect(() => {
    if (scroll.nearTop && older) store.loader.loadOlder(roomId).catch(() => undefined);
  }, [store, roomId, scroll.nearTop, older, timeline.messages]);

  useEffect(() => {
    if (scroll.nearBottom && timeline.hasNewer) store.loader.loadNewer(roomId).catch(() => undefined);
  }, [store, roomId, scroll.nearBottom, timeline.hasNewer, timeline.messages]);

  useEffect(() => {
    if (scroll.atBottom && !timeline.hasNewer) setBaseline(null);
    else setBaseline((b) => b ?? room.lastSeq);
  }, [scroll.atBottom, timeline.hasNewer, room.lastSeq]);

  useEffect(() => {
    if (highlight === null) return undefined;
    const timer = setTimeout(() => setHighlight(null), 6000);
    return () => clearTimeout(timer);
  }, [highlight]);

  const showMessage = useCallback(
    (seq: number) => {
      const target = findMessage(timeline, seq);
      if (!target) return false;
      list.current?.scrollToKey(messageKey(target), 'center');
      setHighlight(seq);
      return true;
    },
    [timeline],
  );

  const jumpToLatest = async () => {
    if (timeline.hasNewer) await store.loader.loadLatest(roomId).catch(() => undefined);
    list.current?.scrollToBottom();
  };

  useImperativeHandle(handle, () => ({ scrollToBottom: () => list.current?.scrollToBottom(), showMessage }), [showMessage]);

  const renderRow = useCallback(
    (row: Row) => <MessageRow row={row} context={context} highlightSeq={highlight} editingSeq={editingSeq} />,
    [context, highlight, editingSeq],
  );

  const seen = useMemo(() => {
    if (!last || last.sender?.id !== me.id || timeline.pending.length > 0 || timeline.hasNewer) return '';
    const readers = seenBy(last, members, me.id).map((m) => nameOf(m));
    return seenText(readers, room.kind === 'direct');
  }, [last, me.id, members, room.kind, timeline.pending.length, timeline.hasNewer]);

  const newCount = baseline === null ? 0 : Math.max(0, room.lastSeq - baseline);
  const showJump = !scroll.atBottom || timeline.hasNewer;

  const header = older ? (
    <div className={styles.loadingOlder} role="status">
      <Spinner size="medium" />
      Loading earlier messages…
    </div>
  ) : (
    <div className={styles.intro}>
      <Avatar name={room.name} size={64} square={room.kind === 'group'} />
      <h2 className={styles.introTitle}>{room.name}</h2>
      <p className={styles.introText}>
        {room.kind === 'direct'
          ? `This is the beginning of your conversation with ${room.name}.`
          : room.description || `This is the beginning of ${room.name}.`}
      </p>
    </div>
  );

  const footer = (
    <div className={styles.listFooter}>
      {seen && (
        <p className={styles.seen} data-testid="seen-by">
          <Icon name="checks" size={14} /> {seen}
        </p>
      )}
    </div>
  );

  return (
    <div className={styles.listArea}>
      <VirtualList
        className={styles.list}
        items={rows}
        itemKey={rowKey}
        estimateHeight={estimate}
        renderItem={renderRow}
        header={header}
        footer={footer}
        initialKey={initialKey}
        follow={!timeline.hasNewer}
        onScrollInfo={setScroll}
        handle={list}
        role="log"
        aria-label={`Messages with ${room.name}`}
        aria-live={scroll.atBottom ? 'polite' : 'off'}
        aria-relevant="additions"
        tabIndex={0}
        onKeyDown={onLogKeyDown}
        data-testid="message-list"
      />
      {showJump && (
        <div className={styles.jumpBar}>
          <button type="button" className={styles.jump} onClick={jumpToLatest} data-testid="jump-to-latest">
            <Icon name="down" size={18} />
            <span>{newCount > 0 ? `${newCount} new message${newCount === 1 ? '' : 's'}` : 'Jump to latest'}</span>
          </button>
        </div>
      )}
    </div>
  );
}
