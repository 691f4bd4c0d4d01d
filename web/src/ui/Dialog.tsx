import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Icon } from './Icon';
import styles from './Dialog.module.css';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** A sheet that slides up from the bottom edge on phones. */
  variant?: 'dialog' | 'sheet';
  /** Hide the title visually (it still labels the dialog). */
  hideTitle?: boolean;
}

/**
 * A modal on the native <dialog>: focus moves in and is kept inside, Escape and a click on the
 * backdrop close it, and focus returns to where it was. Mount it to open, unmount to close.
 */
export function Dialog({ title, onClose, children, variant = 'dialog', hideTitle = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const openedAt = useRef(0);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    openedAt.current = performance.now();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`${styles.dialog} ${variant === 'sheet' ? styles.sheet : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
      onClick={(event) => {
        // A press outside closes it; not the click that ends the long press which opened it.
        if (event.target === ref.current && performance.now() - openedAt.current > 500) onCloseRef.current();
      }}
    >
      <div className={styles.body}>
        <header className={`${styles.header} ${hideTitle ? 'visually-hidden' : ''}`}>
          <h2 id={titleId} className={styles.title}>
            {title}
          </h2>
          {!hideTitle && (
            <button type="button" className={styles.close} onClick={() => onCloseRef.current()} aria-label="Close">
              <Icon name="close" />
            </button>
          )}
        </header>
        {children}
      </div>
    </dialog>
  );
}
