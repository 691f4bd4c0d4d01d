import styles from './Logo.module.css';

/** Parley's mark: two overlapping speech bubbles. The same drawing as the favicon. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg className={styles.mark} width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="16" fill="#4f46e5" />
      <path
        d="M31 25h17a6 6 0 0 1 6 6v10a6 6 0 0 1-5 5.9V53l-7.5-6.5H31a6 6 0 0 1-6-6V31a6 6 0 0 1 6-6z"
        fill="#c7d2fe"
      />
      <path
        d="M17 11h19a6 6 0 0 1 6 6v13a6 6 0 0 1-6 6H24l-8 7v-7.2a6 6 0 0 1-5-5.8V17a6 6 0 0 1 6-6z"
        fill="#ffffff"
        stroke="#4f46e5"
        strokeWidth="3"
        strokeLinejoin="round"
        paintOrder="stroke"
      />
    </svg>
  );
}

/** The mark and the product name. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <span className={styles.logo}>
      <LogoMark size={size} />
      <span>Parley</span>
    </span>
  );
}
