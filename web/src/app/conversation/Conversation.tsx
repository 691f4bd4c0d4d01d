import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useChat, useChatStore, useWatchPresence } from '../../chat/ChatContext';
import { PUSHED_ROOM_SIZE, timelineAuthors } from '../../chat/presenceWatch';
import { describeError } from '../../realtime/describeError';
import { formatLastSeen } from '../../chat/format';
import { emptyTimeline } from '../../chat/timeline';
import { typingLine } from '../../chat/typists';
import type { Message, RoomSummary } from '../../chat/types';
import { useFileDrop } from '../files/useFileDrop';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { IconButton } from '../../ui/IconButton';
import { useToast } from '../../ui/Toast';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { CallButtons } from '../calls/CallButtons';
import { Composer } from './Composer';
import type { MessageActions } from './rowContext';
import { MessageList, type MessageListHandle } from './MessageList';
import { Spinner } from '../../ui/Spinner';
import { FormButtons } from '../rooms/FormButtons';
import { ThreadPanel } from './ThreadPanel';
import styles from './Conversation.module.css';

/** The latest messages whose authors a large room watches: about what a screen shows, and then some. */
const AUTHORS_WATCHED = 60;

function Header({ room, detailsOpen, onToggleDetails }: { room: RoomSummary; detailsOpen: boolean; onToggleDetails: () => void }) {
  const navigate = useNavigate();
  const typing = useChat((s) => typingLine(s, room.id));
  const presence = useChat((s) => (room.peer ? s.presence[room.peer.id] : undefined));
  const [, tick] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);

  let subtitle: string;
  if (room.kind === 'direct') {
    const status = presence?.status ?? 'offline';
    subtitle = status === 'online' ? 'Online' : status === 'away' ? 'Away' : formatLastSeen(presence?.lastSeenAt ?? null);
    if (room.peer) subtitle = `@${room.peer.username} · ${subtitle}`;
  } else {
    subtitle = `${room.memberCount} member${room.memberCount === 1 ? '' : 's'}`;
  }
  const typingShown = typing ? (room.kind === 'direct' ? 'typing…' : typing) : '';

  return (
    <header className={styles.header}>
      <IconButton icon="back" label="Back to conversations" className={styles.back} onClick={() => navigate('/')} />
      <button type="button" className={styles.headerMain} onClick={onToggleDetails} aria-label={`${room.name}: show details`}>
        <Avatar
          name={room.name}
          size={40}
          square={room.kind === 'group'}
          presence={room.kind === 'direct' ? (presence?.status ?? 'offline') : undefined}
        />
        <span className={styles.headerText}>
          <span className={styles.headerName} data-testid="room-title">
            {room.name}
          </span>
          <span className={`${styles.headerSub} ${typingShown ? styles.headerTyping : ''}`}>{typingShown || subtitle}</span>
        </span>
      </button>
      <CallButtons roomId={room.id} />
      <IconButton icon="info" label="Room details" aria-pressed={detailsOpen} onClick={onToggleDetails} />
    </header>
  );
}

function TypingLine({ roomId }: { roomId: number }) {
  const text = useChat((s) => typingLine(s, roomId));
  return (
    <div className={styles.typing} aria-live="polite" data-testid="typing">
      {text && (
        <>
          <span className={styles.dots} aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {text}
        </>
      )}
    </div>
  );
}

/** One open room: header, history, who is typing, and the composer. */
export function Conversation({ roomId, detailsOpen, onToggleDetails }: { roomId: number; detailsOpen: boolean; onToggleDetails: () => void }) {
  const store = useChatStore();
  const toast = useToast();
  const room = useChat((s) => s.rooms[roomId]);
  const roomsLoaded = useChat((s) => s.roomsLoaded);
  const gone = useChat((s) => s.gone[roomId] === true);
  const timeline = useChat((s) => s.timelines[roomId] ?? emptyTimeline);
  const [params, setParams] = useSearchParams();
  const aroundParam = Number(params.get('around'));
  const around = Number.isInteger(aroundParam) && aroundParam > 0 ? aroundParam : null;
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Message | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<Message | null>(null);
  const threadParam = Number(params.get('thread'));
  const linkedThread = Number.isInteger(threadParam) && threadParam > 0 ? threadParam : null;
  const [threadSeq, setThreadSeq] = useState<number | null>(linkedThread);
  useEffect(() => {
    if (linkedThread !== null) setThreadSeq(linkedThread);
  }, [linkedThread]);
  const [failed, setFailed] = useState(false);
  const [opening, setOpening] = useState(() => !(timeline.state === 'ready' && !timeline.hasNewer && around === null));
  const list = useRef<MessageListHandle>(null);
  const drop = useFileDrop(roomId);
  useDocumentTitle(room?.name);
  // a large room is not told every member's presence: watch the people whose messages are on screen
  const large = room?.kind === 'group' && room.memberCount > PUSHED_ROOM_SIZE;
  const authors = useMemo(() => (large ? timelineAuthors(timeline.messages, AUTHORS_WATCHED) : []), [large, timeline.messages]);
  useWatchPresence(`timeline:${roomId}`, authors);

  const open = useCallback(() => {
    setFailed(false);
    store.loader.openRoom(roomId, around ?? undefined).then(
      () => setOpening(false),
      () => setFailed(true),
    );
  }, [store, roomId, around]);

  useEffect(() => {
    const live = store.getState().timelines[roomId];
    if (around !== null || !live || live.state !== 'ready' || live.hasNewer) setOpening(true);
    open();
  }, [store, roomId, around, open]);

  const timelineRef = useRef(timeline);
  timelineRef.current = timeline;

  const fail = useCallback((error: unknown) => toast(describeError(error), 'error'), [toast]);

  const actions: MessageActions = useMemo(
    () => ({
      react: (message, emoji) => void store.messages.react(roomId, message.seq, emoji).catch(fail),
      reply: (message) => {
        setEditing(null);
        setReplyTo(message);
      },
      edit: (message) => {
        setReplyTo(null);
        setEditing(message);
      },
      remove: (message) => setConfirmDelete(message),
      copy: (message) => {
        navigator.clipboard.writeText(message.content).then(
          () => toast('Copied'),
          () => toast('Couldn’t copy the text', 'error'),
        );
      },
      retry: (clientId) => store.messages.retry(roomId, clientId),
      discard: (clientId) => store.messages.discard(roomId, clientId),
      jumpTo: (seq) => {
        if (list.current?.showMessage(seq)) return;
        setParams({ around: String(seq) });
      },
      openThread: (message) => setThreadSeq(message.seq),
    }),
    [store, roomId, fail, toast, setParams],
  );

  if (!room) {
    if (!roomsLoaded && !gone) return <div className={styles.conversation} aria-busy="true" />;
    return (
      <div className={styles.conversation}>
        <EmptyState title="This conversation isn’t available">
          You may have left it, been removed, or it was deleted. <Link to="/">Back to your conversations</Link>
        </EmptyState>
      </div>
    );
  }

  const editLast = () => {
    const mine = [...timelineRef.current.messages].reverse().find((m) => m.sender?.id === store.user.id && !m.deleted && m.kind === 'text');
    if (mine) actions.edit(mine);
  };

  const saveEdit = async (message: Message, content: string) => {
    try {
      await store.messages.edit(roomId, message.seq, content);
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  };

  const ready = timeline.state === 'ready' && !opening;
  return (
    <section className={styles.conversation} aria-label={`Conversation: ${room.name}`} {...drop.handlers}>
      {drop.over && (
        <div className={styles.dropZone} aria-hidden="true">
          Drop files to send them to {room.name}
        </div>
      )}
      <Header room={room} detailsOpen={detailsOpen} onToggleDetails={onToggleDetails} />
      {ready ? (
        <MessageList
          key={`${roomId}:${around ?? ''}`}
          room={room}
          around={around}
          actions={actions}
          handle={list}
          editingSeq={editing?.seq ?? null}
        />
      ) : failed || timeline.state === 'error' ? (
        <div className={styles.listArea}>
          <EmptyState title="Couldn’t load the messages">
            Check your connection.{' '}
            <Button size="small" variant="secondary" onClick={open}>
              Try again
            </Button>
          </EmptyState>
        </div>
      ) : (
        <div className={styles.listArea} aria-busy="true">
          <div className={styles.loadingOlder} role="status">
            <Spinner size="medium" />
            Loading messages…
          </div>
        </div>
      )}
      <TypingLine roomId={roomId} />
      <Composer
        key={roomId}
        roomId={roomId}
        roomName={room.name}
        replyTo={replyTo}
        editing={editing}
        onCancelReply={() => setReplyTo(null)}
        onCancelEdit={() => setEditing(null)}
        onSent={() => {
          if (around !== null) setParams({});
          list.current?.scrollToBottom();
        }}
        onEditLast={editLast}
        onEditSave={saveEdit}
      />
      {threadSeq !== null && <ThreadPanel room={room} rootSeq={threadSeq} actions={actions} onClose={() => setThreadSeq(null)} />}
      {confirmDelete && (
        <Dialog title="Delete this message?" onClose={() => setConfirmDelete(null)}>
          <p className={styles.confirmText}>It will be replaced by “This message was deleted” for everyone.</p>
          <FormButtons
            onCancel={() => setConfirmDelete(null)}
            onConfirm={() => {
              const message = confirmDelete;
              setConfirmDelete(null);
              store.messages.deleteMessage(roomId, message.seq).catch(fail);
            }}
            busy={false}
            danger
          >
            Delete
          </FormButtons>
        </Dialog>
      )}
    </section>
  );
}
