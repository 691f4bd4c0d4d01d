import { useState } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { nameOf, type User } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Avatar } from '../ui/Avatar';
import { Button } from '../ui/Button';
import { Logo } from '../ui/Logo';
import styles from './Shell.module.css';

function Account({ user, onSignOut }: { user: User; onSignOut: () => Promise<void> }) {
  const [signingOut, setSigningOut] = useState(false);
  const name = nameOf(user);
  const signOut = async () => {
    setSigningOut(true);
    try {
      await onSignOut();
    } finally {
      setSigningOut(false);
    }
  };
  return (
    <div className={styles.account}>
      <div className={styles.user} title={`Signed in as @${user.username}`}>
        <Avatar name={name} />
        <span className={styles.name} data-testid="current-user-name">
          {name}
        </span>
      </div>
      <Button variant="secondary" size="small" busy={signingOut} onClick={signOut}>
        Sign out
      </Button>
    </div>
  );
}

/** The signed-in frame: a header with the product and the account, and the page below it. */
export function Shell() {
  const { user, signOut } = useAuth();
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Link to="/" className={styles.home} aria-label="Parley home">
          <Logo size={30} />
        </Link>
        {user && <Account user={user} onSignOut={signOut} />}
      </header>
      <main className={styles.main}>
        <Outlet />
      </main>
    </div>
  );
}
