import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import styles from './Toast.module.css';

type Kind = 'info' | 'error';
export interface ToastItem {
  id: number;
  text: string;
  kind: Kind;
}

const ToastContext = createContext<(text: string, kind?: Kind) => void>(() => undefined);

/** At most this many notes show at once; a new one pushes out the oldest. */
export const MAX_TOASTS = 3;

/** The notes after `item` arrives: a repeat of a note replaces it, and only the newest few stay. */
export function withToast(list: readonly ToastItem[], item: ToastItem): ToastItem[] {
  const others = list.filter((t) => t.text !== item.text || t.kind !== item.kind);
  return [...others.slice(-(MAX_TOASTS - 1)), item];
}

/**
 * Short notes at the bottom of the screen ("Copied", "You can't do that"), announced politely;
 * they stack, newest at the bottom, never more than MAX_TOASTS.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(0);
  const show = useCallback((text: string, kind: Kind = 'info') => {
    next.current += 1;
    const id = next.current;
    setItems((list) => withToast(list, { id, text, kind }));
    setTimeout(() => setItems((list) => list.filter((t) => t.id !== id)), kind === 'error' ? 6_000 : 3_000);
  }, []);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext value={value}>
      {children}
      <div className={styles.region} role="status" aria-live="polite">
        {items.map((t) => (
          <div key={t.id} className={`${styles.toast} ${t.kind === 'error' ? styles.error : ''}`} data-testid="toast">
            {t.text}
          </div>
        ))}
      </div>
    </ToastContext>
  );
}

export function useToast(): (text: string, kind?: Kind) => void {
  return useContext(ToastContext);
}
