/** The items of a menu shown in a Popover (`role="menu"`): an icon, a label, red when it destroys. */
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';
import styles from './Menu.module.css';

export function Menu({ children }: { children: ReactNode }) {
  return <div className={styles.menu}>{children}</div>;
}

export function MenuItem({
  icon,
  danger = false,
  onClick,
  children,
}: {
  icon: IconName;
  danger?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" role="menuitem" className={`${styles.item} ${danger ? styles.danger : ''}`} onClick={onClick}>
      <Icon name={icon} size={18} />
      {children}
    </button>
  );
}
