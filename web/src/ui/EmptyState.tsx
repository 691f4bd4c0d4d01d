import { useId, type ReactNode } from 'react';
import styles from './EmptyState.module.css';

function ChatIcon() {
  return (
    <svg width="28" height="28" viewBox="0 0 24 24" fill="none" aria-hidden="true" focusable="false">
      <path
        d="M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v7a2.5 2.5 0 0 1-2.5 2.5H10l-4 3.5V16h0.5A2.5 2.5 0 0 1 4 13.5z"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      <path d="M8.5 9h7M8.5 12h4.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

/** A calm placeholder for a region with nothing in it yet. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  const titleId = useId();
  return (
    <section className={styles.empty} aria-labelledby={titleId}>
      <div className={styles.icon}>
        <ChatIcon />
      </div>
      <h2 id={titleId} className={styles.title}>
        {title}
      </h2>
      {children && <p className={styles.body}>{children}</p>}
    </section>
  );
}
