import type { ReactNode } from 'react';
import styles from './Alert.module.css';

/** A form-level error, announced when it appears. */
export function Alert({ children }: { children: ReactNode }) {
  return (
    <div className={styles.alert} role="alert">
      {children}
    </div>
  );
}
