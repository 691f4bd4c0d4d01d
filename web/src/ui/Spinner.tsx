import styles from './Spinner.module.css';

/** A spinning ring, hidden from assistive technology (the busy text or aria-busy says it). */
export function Spinner({ size = 'text' }: { size?: 'text' | 'small' | 'medium' }) {
  const sized = size === 'text' ? '' : ` ${styles[size]}`;
  return <span className={`${styles.spinner}${sized}`} aria-hidden="true" />;
}
