import type { ReactNode } from 'react';
import styles from './Workspace.module.css';

interface WorkspaceProps {
  /** The conversation list. */
  sidebar?: ReactNode;
  /** Details of the open conversation. */
  details?: ReactNode;
  /** The open conversation, or a placeholder. */
  children: ReactNode;
}

/** The signed-in page's panes; each is left out until there is something to put in it. */
export function Workspace({ sidebar, details, children }: WorkspaceProps) {
  const classes = [styles.workspace, sidebar ? styles.withSidebar : '', details ? styles.withDetails : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes}>
      {sidebar && (
        <aside className={styles.sidebar} aria-label="Conversations">
          {sidebar}
        </aside>
      )}
      <div className={styles.content}>{children}</div>
      {details && (
        <aside className={styles.details} aria-label="Conversation details">
          {details}
        </aside>
      )}
    </div>
  );
}
