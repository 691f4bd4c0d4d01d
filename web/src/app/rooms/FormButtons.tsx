import type { ReactNode } from 'react';
import { Button } from '../../ui/Button';
import styles from './Forms.module.css';

/**
 * A dialog's Cancel and confirm buttons. Without `onConfirm` the confirm button submits the
 * form it stands in.
 */
export function FormButtons({
  onCancel,
  onConfirm,
  busy,
  disabled,
  danger = false,
  children,
}: {
  onCancel: () => void;
  onConfirm?: () => void;
  busy: boolean;
  disabled?: boolean;
  /** The confirm button destroys something: shown red. */
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={styles.buttons}>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button
        type={onConfirm ? 'button' : 'submit'}
        variant={danger ? 'danger' : 'primary'}
        onClick={onConfirm}
        busy={busy}
        disabled={disabled}
      >
        {children}
      </Button>
    </div>
  );
}
