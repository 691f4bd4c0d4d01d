import type { ButtonHTMLAttributes, Ref } from 'react';
import { Icon, type IconName } from './Icon';
import styles from './IconButton.module.css';

interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: IconName;
  /** The accessible name; also shown as a tooltip. */
  label: string;
  size?: 'normal' | 'small';
  ref?: Ref<HTMLButtonElement>;
}

/** A round button with only an icon; touch-sized on phones. */
export function IconButton({ icon, label, size = 'normal', className, type = 'button', ref, ...rest }: IconButtonProps) {
  return (
    <button
      {...rest}
      ref={ref}
      type={type}
      aria-label={label}
      title={label}
      className={[styles.button, size === 'small' ? styles.small : '', className ?? ''].filter(Boolean).join(' ')}
    >
      <Icon name={icon} size={size === 'small' ? 18 : 20} />
    </button>
  );
}
