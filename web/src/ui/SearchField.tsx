import type { InputHTMLAttributes, Ref } from 'react';
import { Icon } from './Icon';
import styles from './SearchField.module.css';

interface SearchFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className'> {
  /** `filter`: a side pane's list filter; `bar`: the top bar; `page`: the search page. */
  variant: 'filter' | 'bar' | 'page';
  /** The search text, also its accessible name. */
  placeholder: string;
  ref?: Ref<HTMLInputElement>;
}

/** A search input with its magnifier, placed in a container that is position: relative. */
export function SearchField({ variant, placeholder, ref, ...input }: SearchFieldProps) {
  return (
    <>
      <Icon name="search" size={variant === 'filter' ? 16 : 18} className={`${styles.icon} ${styles[variant]}`} />
      <input
        {...input}
        ref={ref}
        type="search"
        className={`${styles.input} ${styles[variant]}`}
        placeholder={placeholder}
        aria-label={placeholder}
      />
    </>
  );
}
