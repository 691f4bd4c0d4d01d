import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import styles from './TextField.module.css';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  name: string;
  hint?: string;
  error?: string | undefined;
  optional?: boolean;
  /** Rendered inside the input's right edge, e.g. a show-password toggle. */
  trailing?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with an optional hint and an error announced to assistive technology. */
export function TextField({ label, name, hint, error, optional, trailing, className, ref, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const inputClasses = [styles.input, error ? styles.invalid : '', trailing ? styles.withTrailing : '', className ?? '']
    .filter(Boolean)
    .join(' ');

  return (
    <div className={styles.field}>
      <div className={styles.labelRow}>
        <label className={styles.label} htmlFor={id}>
          {label}
        </label>
        {optional && <span className={styles.optional}>Optional</span>}
      </div>
      <div className={styles.control}>
        <input
          {...input}
          ref={ref}
          id={id}
          name={name}
          className={inputClasses}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {trailing && <div className={styles.trailing}>{trailing}</div>}
      </div>
      {hint && (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className={styles.error} data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
}
