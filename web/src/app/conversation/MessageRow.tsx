import { memo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent, type TouchEvent as ReactTouchEvent } from 'react';
import { nameOf } from '../../api/types';
import { formatDay, formatFull, formatTime } from '../../chat/format';
import type { Row } from '../../chat/rows';
import type { PendingMessage } from '../../chat/timeline';
import type { Message, Reaction } from '../../chat/types';
import { isEmojiOnly } from '../../markdown/markdownHtml';
import { mentionsMe } from '../../chat/rooms';
import { threadUnread } from '../../chat/threadReads';
import { useChat } from '../../chat/ChatContext';
import { renderMarkdown } from '../../markdown/markdown';
import { Avatar } from '../../ui/Avatar';
import { Attachments } from '../files/Attachments';
import { Icon } from '../../ui/Icon';
import { MessageToolbar } from './MessageActions';
import { ReplyQuote } from './ReplyQuote';
import type { RowContext } from './rowContext';
import styles from './MessageRow.module.css';

const LONG_PRESS_MS = 450;

/** "3 replies" under a thread's root, with the last repliers' avatars; opens the thread. */
function ThreadSummaryButton({ message, context }: { message: Message; context: RowContext }) {
  const thread = message.thread;
  const open = context.actions.openThread;
  const unread = useChat((state) => threadUnread(state, message));
  if (!thread || thread.replyCount === 0 || !open || context.inThread) return null;
  const count = `${thread.replyCount} ${thread.replyCount === 1 ? 'reply' : 'replies'}`;
  const nameOfId = (id: number) => (id === context.me.id ? 'You' : (context.names.get(id) ?? 'Someone'));
  return (
    <button
      type="button"
      className={unread ? `${styles.threadSummary} ${styles.threadUnread}` : styles.threadSummary}
      onClick={() => open(message)}
      aria-label={`${count}${unread ? ', new replies' : ''}, open the thread`}
      data-unread={unread ? 'true' : undefined}
      title={`Last reply ${formatFull(thread.lastReplyAt)}`}
      data-testid="thread-summary"
    >
      <span className={styles.threadAvatars} aria-hidden="true">
        {thread.lastReplierIds.map((id) => (
          <Avatar key={id} name={nameOfId(id)} size={20} />
        ))}
      </span>
      <span className={styles.threadCount}>{count}</span>
    </button>
  );
}

function Reactions({ message, context }: { message: Message; context: RowContext }) {
  if (message.reactions.length === 0) return null;
  const who = (r: Reaction) =>
    r.userIds.map((id) => (id === context.me.id ? 'You' : (context.names.get(id) ?? 'Someone'))).join(', ');
  return (
    <div className={styles.reactions}>
      {message.reactions.map((r) => {
        const mine = r.userIds.includes(context.me.id);
        return (
          <button
            key={r.emoji}
            type="button"
            className={`${styles.reaction} ${mine ? styles.reactionMine : ''}`}
            aria-pressed={mine}
            aria-label={`${r.emoji} ${r.count}: ${who(r)}. ${mine ? 'Remove your reaction' : 'React too'}`}
            title={who(r)}
            onClick={() => context.actions.react(message, r.emoji)}
            data-emoji={r.emoji}
          >
            <span className={styles.reactionEmoji}>{r.emoji}</span>
            <span className={styles.reactionCount}>{r.count}</span>
          </button>
        );
      })}
    </div>
  );
}

function Meta({ time, edited, status, out }: { time: number; edited: boolean; status?: 'sending' | 'failed' | 'sent'; out: boolean }) {
  return (
    <span className={styles.meta}>
      {edited && <span className={styles.edited}>edited</span>}
      <time dateTime={new Date(time).toISOString()} title={formatFull(time)}>
        {formatTime(time)}
      </time>
      {out && status === 'sending' && (
        <span className={styles.status} title="Sending">
          <Icon name="clock" size={13} />
          <span className="visually-hidden">Sending</span>
        </span>
      )}
      {out && status === 'sent' && (
        <span className={styles.status} title="Sent">
          <Icon name="check" size={14} />
          <span className="visually-hidden">Sent</span>
        </span>
      )}
    </span>
  );
}

function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const origin = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return {
    onPointerDown: (e: ReactPointerEvent) => {
      if (e.pointerType !== 'touch') return;
      origin.current = { x: e.clientX, y: e.clientY };
      fired.current = false;
      cancel();
      timer.current = setTimeout(() => {
        timer.current = null;
        fired.current = true;
        onLongPress();
      }, LONG_PRESS_MS);
    },
    onTouchEnd: (e: ReactTouchEvent) => {
      // The finger lifts over the sheet that just opened: without this the browser turns the
      // release into a click on whatever is under it (a reaction, an action).
      if (fired.current) {
        fired.current = false;
        e.preventDefault();
      }
    },
    onPointerMove: (e: ReactPointerEvent) => {
      const o = origin.current;
      if (o && Math.hypot(e.clientX - o.x, e.clientY - o.y) > 10) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onContextMenu: (e: ReactMouseEvent) => {
      // Touch browsers open their own menu on a long press; ours replaces it.
      if (matchMedia('(hover: none)').matches) e.preventDefault();
    },
  };
}

function moveFocus(e: KeyboardEvent<HTMLElement>) {
  if (e.target !== e.currentTarget) return;
  const rows = [...(e.currentTarget.closest('[role="log"]')?.querySelectorAll<HTMLElement>('[data-message]') ?? [])];
  const at = rows.indexOf(e.currentTarget);
  if (e.key === 'ArrowUp' && at > 0) {
    e.preventDefault();
    rows[at - 1]?.focus();
  } else if (e.key === 'ArrowDown' && at < rows.length - 1) {
    e.preventDefault();
    rows[at + 1]?.focus();
  }
}

const TextMessage = memo(function TextMessage({
  message,
  first,
  last,
  mine,
  highlighted,
  editing = false,
  context,
}: {
  message: Message;
  first: boolean;
  last: boolean;
  mine: boolean;
  highlighted: boolean;
  /** The composer is editing this message. */
  editing?: boolean;
  context: RowContext;
}) {
  const [sheet, setSheet] = useState(false);
  const press = useLongPress(() => {
    if (!message.deleted) setSheet(true);
  });
  const sender = message.sender ? nameOf(message.sender) : 'Someone';
  const showSender = first && !mine && !context.direct;
  const showAvatar = !mine && !context.direct;
  const html = message.deleted ? '' : renderMarkdown(message.content, context.me.username);
  const big = !message.deleted && isEmojiOnly(message.content);
  const toMe = !mine && mentionsMe(message, context.me.id);
  const classes = [
    styles.message,
    mine ? styles.out : styles.in,
    first ? styles.first : '',
    last ? styles.last : '',
    highlighted ? styles.highlight : '',
    editing ? styles.editing : '',
    showAvatar ? styles.withAvatar : '',
    toMe ? styles.mentionsMe : '',
  ].join(' ');

  return (
    <div
      className={classes}
      tabIndex={-1}
      data-message
      data-mentions-me={toMe || undefined}
      data-seq={message.seq}
      data-testid="message"
      data-editing={editing || undefined}
      aria-current={editing ? 'true' : undefined}
      onKeyDown={moveFocus}
      {...press}
    >
      {showAvatar && <div className={styles.gutter}>{first && <Avatar name={sender} size={34} />}</div>}
      <div className={styles.body}>
        {showSender && <div className={styles.sender}>{sender}</div>}
        {editing && (
          <div className={styles.editingLabel} data-testid="editing-marker">
            <Icon name="edit" size={13} />
            Editing
          </div>
        )}
        <div className={`${styles.bubble} ${message.deleted ? styles.deleted : ''} ${big ? styles.big : ''}`}>
          <span className="visually-hidden">
            {mine ? 'You' : sender}
            {toMe ? ', mentions you' : ''}:{' '}
          </span>
          {message.replyTo !== null && !message.deleted && (
            <ReplyQuote roomId={context.roomId} seq={message.replyTo} onJump={context.actions.jumpTo} out={mine} />
          )}
          {!message.deleted && message.attachments?.length ? <Attachments attachments={message.attachments} out={mine} /> : null}
          {message.deleted ? (
            <span className={styles.deletedText} data-testid="deleted-message">
              <Icon name="trash" size={14} /> This message was deleted
            </span>
          ) : message.content || !message.attachments?.length ? (
            <div className={`${styles.content} markdown`} data-testid="message-content" dangerouslySetInnerHTML={{ __html: html }} />
          ) : null}
          <Meta time={message.createdAt} edited={message.editedAt !== null && !message.deleted} status="sent" out={mine} />
        </div>
        <Reactions message={message} context={context} />
        <ThreadSummaryButton message={message} context={context} />
        {!message.deleted && (
          <MessageToolbar message={message} mine={mine} context={context} sheetOpen={sheet} onSheetClose={() => setSheet(false)} />
        )}
      </div>
    </div>
  );
});

const PendingRow = memo(function PendingRow({
  pending,
  first,
  last,
  context,
}: {
  pending: PendingMessage;
  first: boolean;
  last: boolean;
  context: RowContext;
}) {
  const failed = pending.status === 'failed';
  const html = renderMarkdown(pending.content, context.me.username);
  return (
    <div
      className={`${styles.message} ${styles.out} ${first ? styles.first : ''} ${last ? styles.last : ''}`}
      data-testid="pending-message"
      data-status={pending.status}
    >
      <div className={styles.body}>
        <div className={`${styles.bubble} ${failed ? styles.failedBubble : ''}`}>
          {pending.replyTo !== null && <ReplyQuote roomId={context.roomId} seq={pending.replyTo} onJump={context.actions.jumpTo} out />}
          {pending.attachments?.length ? <Attachments attachments={pending.attachments} out /> : null}
          {(pending.content || !pending.attachments?.length) && (
            <div className={`${styles.content} markdown`} dangerouslySetInnerHTML={{ __html: html }} />
          )}
          <Meta time={pending.createdAt} edited={false} status={failed ? 'failed' : 'sending'} out />
        </div>
        {failed && (
          <div className={styles.failed} role="alert">
            <Icon name="alert" size={15} />
            <span>{pending.error ?? 'Not sent.'}</span>
            <button type="button" className={styles.retry} onClick={() => context.actions.retry(pending.clientId)}>
              Retry
            </button>
            <button type="button" className={styles.discard} onClick={() => context.actions.discard(pending.clientId)}>
              Delete
            </button>
          </div>
        )}
      </div>
    </div>
  );
});

/** One row of the conversation: a day, the unread line, a system note or a message. */
export function MessageRow({
  row,
  context,
  highlightSeq,
  editingSeq = null,
}: {
  row: Row;
  context: RowContext;
  highlightSeq: number | null;
  editingSeq?: number | null;
}) {
  switch (row.kind) {
    case 'day':
      return (
        <div className={styles.day} role="separator">
          <span>{formatDay(row.time)}</span>
        </div>
      );
    case 'unread':
      return (
        <div className={styles.unreadLine} role="separator" data-testid="unread-divider">
          <span>New messages</span>
        </div>
      );
    case 'system':
      return (
        <div className={styles.system} data-testid="system-message" data-seq={row.message.seq}>
          <span>{row.message.content}</span>
        </div>
      );
    case 'message':
      return (
        <TextMessage
          message={row.message}
          first={row.first}
          last={row.last}
          mine={row.mine}
          highlighted={row.message.seq === highlightSeq}
          editing={row.message.seq === editingSeq}
          context={context}
        />
      );
    case 'pending':
      return <PendingRow pending={row.pending} first={row.first} last={row.last} context={context} />;
  }
}
