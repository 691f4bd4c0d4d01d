import { useEffect } from 'react';
import { nameOf } from '../../api/types';
import { useChat, useChatStore } from '../../chat/ChatContext';
import { quoteKey, timelineOf } from '../../chat/chatState';
import { findMessage } from '../../chat/timeline';
import { previewText } from '../preview';
import styles from './MessageRow.module.css';

/** The message a reply answers, quoted; pressing it jumps to the original. */
export function ReplyQuote({ roomId, seq, onJump, out }: { roomId: number; seq: number; onJump: (seq: number) => void; out: boolean }) {
  const store = useChatStore();
  const loaded = useChat((s) => findMessage(timelineOf(s, roomId), seq));
  const fetched = useChat((s) => s.quotes[quoteKey(roomId, seq)]);
  const original = loaded ?? fetched ?? null;

  useEffect(() => {
    if (!loaded && fetched === undefined) store.loader.loadQuote(roomId, seq);
  }, [store, roomId, seq, loaded, fetched]);

  const who = original?.sender ? nameOf(original.sender) : 'Message';
  const text = original ? previewText(original) : fetched === null ? 'Original message unavailable' : 'Loading…';
  return (
    <button
      type="button"
      className={`${styles.quote} ${out ? styles.quoteOut : ''}`}
      onClick={() => onJump(seq)}
      aria-label={`Reply to ${who}: ${text}. Show the original message`}
      data-testid="reply-quote"
    >
      <span className={styles.quoteWho}>{who}</span>
      <span className={styles.quoteText}>{text}</span>
    </button>
  );
}
