import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { nameOf } from '../../api/types';
import { useChat, useChatStore } from '../../chat/ChatContext';
import { draftStore } from '../../chat/drafts';
import { applyMention, mentionCandidates, mentionQueryAt, type MentionQuery } from '../../chat/mentionSuggestions';
import type { Message } from '../../chat/types';
import { useFiles, useRoomUploads, useUnfinishedUploads } from '../../files/FilesContext';
import { UploadChips } from '../files/UploadChips';
import { useTooManyFiles } from '../files/useTooManyFiles';
import { Icon } from '../../ui/Icon';
import { IconButton } from '../../ui/IconButton';
import { previewText } from '../preview';
import { MentionList } from './MentionList';
import styles from './Conversation.module.css';

const MAX_CHARS = 4000;
const MAX_HEIGHT_PX = 180;
/** Stop showing "typing" this long after the last keystroke. */
const IDLE_MS = 4_000;

interface ComposerProps {
  roomId: number;
  roomName: string;
  replyTo: Message | null;
  editing: Message | null;
  onCancelReply: () => void;
  onCancelEdit: () => void;
  /** After a message was sent (to scroll to it). */
  onSent: () => void;
  /** ArrowUp in an empty box: edit my last message. */
  onEditLast: () => void;
  onEditSave: (message: Message, content: string) => Promise<boolean>;
}

/**
 * Where messages are written. Enter sends, Shift+Enter starts a new line; the text is kept per
 * room as a draft; typing is announced to the room while it goes on. Files come from "Attach
 * files", a drop on the conversation or a pasted image; with files the text is their caption
 * (optional), and the message goes once every file is uploaded.
 */
export function Composer({ roomId, roomName, replyTo, editing, onCancelReply, onCancelEdit, onSent, onEditLast, onEditSave }: ComposerProps) {
  const store = useChatStore();
  const files = useFiles();
  const tooMany = useTooManyFiles();
  const uploads = useRoomUploads(roomId);
  const unfinished = useUnfinishedUploads();
  const picker = useRef<HTMLInputElement>(null);
  const drafts = useMemo(() => draftStore(store.user.id), [store]);
  const [text, setText] = useState(() => drafts.get(roomId));
  const [editText, setEditText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const value = editing ? editText : text;
  const members = useChat((s) => s.members[roomId]);
  const room = useChat((s) => s.rooms[roomId]);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [activeMention, setActiveMention] = useState(0);
  const candidates = useMemo(
    () => (mention && members ? mentionCandidates(members, mention.query, store.user.id, room) : []),
    [mention, members, store.user.id, room],
  );
  const suggesting = candidates.length > 0;
  const listId = `${roomId}-mentions`;

  const follow = (next: string, caret: number | null) => {
    const at = caret === null ? null : mentionQueryAt(next, caret);
    setMention((old) => (old?.start === at?.start && old?.query === at?.query ? old : at));
    if (!at || at.start !== mention?.start) setActiveMention(0);
  };

  const pick = (username: string) => {
    const el = area.current;
    if (!mention || !el) return;
    const picked = applyMention(value, mention, el.selectionStart ?? value.length, username);
    change(picked.text);
    setMention(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(picked.caret, picked.caret);
    });
  };

  useEffect(() => {
    if (editing) {
      setEditText(editing.content);
      area.current?.focus();
    }
  }, [editing]);

  useEffect(() => {
    if (replyTo) area.current?.focus();
  }, [replyTo]);

  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [value]);

  useEffect(
    () => () => {
      if (idle.current) clearTimeout(idle.current);
      store.messages.stopTyping(roomId);
    },
    [store, roomId],
  );

  const change = (next: string) => {
    if (editing) {
      setEditText(next);
      return;
    }
    setText(next);
    drafts.set(roomId, next);
    if (idle.current) clearTimeout(idle.current);
    if (next.trim()) {
      store.messages.typing(roomId);
      idle.current = setTimeout(() => store.messages.stopTyping(roomId), IDLE_MS);
    } else {
      store.messages.stopTyping(roomId);
    }
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const content = value.trim();
    if (content.length > MAX_CHARS) return;
    if (!editing && uploads.chips.length > 0) {
      if (uploads.queued) return;
      files.uploads.send(roomId, content, replyTo?.seq ?? null);
      setText('');
      drafts.set(roomId, '');
      if (idle.current) clearTimeout(idle.current);
      store.messages.stopTyping(roomId);
      onCancelReply();
      onSent();
      return;
    }
    if (!content) return;
    if (editing) {
      if (content === editing.content.trim()) {
        onCancelEdit();
        return;
      }
      if (await onEditSave(editing, content)) onCancelEdit();
      return;
    }
    store.messages.send(roomId, content, replyTo?.seq ?? null);
    setText('');
    drafts.set(roomId, '');
    if (idle.current) clearTimeout(idle.current);
    onCancelReply();
    onSent();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggesting) {
      const n = candidates.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActiveMention((i) => (i + (event.key === 'ArrowDown' ? 1 : n - 1)) % n);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && !event.nativeEvent.isComposing) {
        event.preventDefault();
        pick(candidates[Math.min(activeMention, n - 1)]!.username);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape') {
      if (editing) onCancelEdit();
      else if (replyTo) onCancelReply();
    } else if (event.key === 'ArrowUp' && !value && !editing) {
      event.preventDefault();
      onEditLast();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    if (editing) return;
    const pasted = [...event.clipboardData.files];
    if (pasted.length === 0) return;
    event.preventDefault();
    tooMany(files.uploads.add(roomId, pasted));
  };

  const picked = (list: FileList | null) => {
    if (list?.length) tooMany(files.uploads.add(roomId, [...list]));
    if (picker.current) picker.current.value = '';
  };

  const cancelQueued = () => {
    const queued = uploads.queued;
    files.uploads.unqueue(roomId);
    if (queued && !text) change(queued.content);
  };

  const over = value.length > MAX_CHARS;
  const withFiles = !editing && uploads.chips.length > 0;
  const canSend = !over && (withFiles ? !uploads.queued : Boolean(value.trim()));
  const context = editing ? (
    <div className={styles.composeContext}>
      <Icon name="edit" size={18} className={styles.contextIcon} />
      <div className={styles.contextText}>
        <span className={styles.contextTitle}>Editing message</span>
        <span className={styles.contextPreview}>{previewText(editing)}</span>
      </div>
      <IconButton icon="close" label="Cancel editing" size="small" onClick={onCancelEdit} />
    </div>
  ) : replyTo ? (
    <div className={styles.composeContext}>
      <Icon name="reply" size={18} className={styles.contextIcon} />
      <div className={styles.contextText}>
        <span className={styles.contextTitle}>Replying to {replyTo.sender ? nameOf(replyTo.sender) : 'message'}</span>
        <span className={styles.contextPreview}>{previewText(replyTo)}</span>
      </div>
      <IconButton icon="close" label="Cancel reply" size="small" onClick={onCancelReply} />
    </div>
  ) : null;

  return (
    <form className={styles.composer} onSubmit={submit}>
      {context}
      {!editing && <UploadChips chips={uploads.chips} />}
      {!editing && unfinished.length > 0 && (
        <ul className={styles.unfinished} aria-label="Unfinished uploads">
          {unfinished.map((u) => (
            <li key={u.key}>
              <span>
                Unfinished upload of <strong>{u.name}</strong>: attach it again to resume.
              </span>{' '}
              <button type="button" className={styles.queuedCancel} onClick={() => void files.unfinished.forget(u)} aria-label={`Forget ${u.name}`}>
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
      {!editing && uploads.queued && (
        <p className={styles.queued} role="status">
          Sending when the files are uploaded…{' '}
          <button type="button" className={styles.queuedCancel} onClick={cancelQueued}>
            Don’t send yet
          </button>
        </p>
      )}
      {suggesting && (
        <MentionList id={listId} candidates={candidates} active={Math.min(activeMention, candidates.length - 1)} onPick={pick} />
      )}
      <div className={styles.composeRow}>
        {!editing && (
          <>
            <IconButton icon="attach" label="Attach files" className={styles.attach} onClick={() => picker.current?.click()} />
            <input
              ref={picker}
              type="file"
              multiple
              hidden
              onChange={(e) => picked(e.target.files)}
              data-testid="file-input"
            />
          </>
        )}
        <textarea
          ref={area}
          className={styles.input}
          rows={1}
          value={value}
          onChange={(e) => {
            change(e.target.value);
            follow(e.target.value, e.target.selectionStart);
          }}
          onSelect={(e) => follow(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => store.messages.stopTyping(roomId)}
          aria-autocomplete="list"
          aria-controls={suggesting ? listId : undefined}
          aria-activedescendant={suggesting ? `${listId}-${Math.min(activeMention, candidates.length - 1)}` : undefined}
          placeholder={editing ? 'Edit your message' : withFiles ? 'Add a caption' : `Message ${roomName}`}
          aria-label={editing ? 'Edit message' : `Message ${roomName}`}
          aria-describedby={over ? `${roomId}-too-long` : undefined}
          enterKeyHint="send"
          data-testid="composer"
        />
        <button type="submit" className={styles.send} disabled={!canSend} aria-label={editing ? 'Save edit' : 'Send message'} title={editing ? 'Save' : 'Send'}>
          <Icon name={editing ? 'check' : 'send'} size={20} />
        </button>
      </div>
      {value.length > MAX_CHARS - 400 && (
        <p id={`${roomId}-too-long`} className={`${styles.counter} ${over ? styles.over : ''}`}>
          {value.length} / {MAX_CHARS}
        </p>
      )}
    </form>
  );
}
