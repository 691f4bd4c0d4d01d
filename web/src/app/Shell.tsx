import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useMatch, useNavigate } from 'react-router-dom';
import { nameOf, type User } from '../api/types';
import { draftStore } from '../chat/drafts';
import { useApi, useAuth } from '../auth/AuthContext';
import { notificationPermission } from '../chat/notifications';
import { turnOffPush, turnOnPush } from '../chat/pushSubscription';
import { Avatar } from '../ui/Avatar';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { PHONE_QUERY, WIDE_QUERY, useMediaQuery } from '../ui/hooks';
import { IconButton } from '../ui/IconButton';
import { Logo } from '../ui/Logo';
import { CallBar } from './calls/CallBar';
import { ConnectionBanner } from './ConnectionBanner';
import { Conversation } from './conversation/Conversation';
import { NoRoom } from './NoRoom';
import { RoomDetails } from './details/RoomDetails';
import { RoomList } from './rooms/RoomList';
import { SearchView } from './search/SearchView';
import { SettingsDialog } from './settings/SettingsDialog';
import { SearchField } from '../ui/SearchField';
import { FormButtons } from './rooms/FormButtons';
import styles from './Shell.module.css';

export type View = 'list' | 'conversation' | 'details' | 'search';

const DETAILS_KEY = 'parley.detailsOpen';

function readDetailsPreference(): boolean {
  try {
    return window.localStorage.getItem(DETAILS_KEY) !== 'false';
  } catch {
    return true;
  }
}

function Account({ user, onSignOut }: { user: User; onSignOut: () => Promise<void> }) {
  const [signingOut, setSigningOut] = useState(false);
  // On a phone the button sits where thumbs pass often: signing out asks first.
  const [confirming, setConfirming] = useState(false);
  const [settings, setSettings] = useState(false);
  const phone = useMediaQuery(PHONE_QUERY);
  const name = nameOf(user);
  const api = useApi();
  const signOut = async () => {
    setSigningOut(true);
    draftStore(user.id).clear();
    try {
      // while still signed in: this browser stops taking pushes for this account
      await turnOffPush(api).catch(() => undefined);
      await onSignOut();
    } finally {
      setSigningOut(false);
    }
  };
  return (
    <div className={styles.account}>
      <div className={styles.user} title={`Signed in as @${user.username}`}>
        <Avatar name={name} size={32} />
        <span className={styles.name} data-testid="current-user-name">
          {name}
        </span>
      </div>
      <IconButton icon="settings" label="Settings" size="small" onClick={() => setSettings(true)} />
      <Button variant="secondary" size="small" busy={signingOut} onClick={phone ? () => setConfirming(true) : signOut}>
        Sign out
      </Button>
      {settings && <SettingsDialog user={user} onClose={() => setSettings(false)} />}
      {confirming && (
        <Dialog title="Sign out?" onClose={() => setConfirming(false)}>
          <p className={styles.confirmText}>You’ll need your password to sign in again on this device.</p>
          <FormButtons
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              void signOut();
            }}
            busy={signingOut}
          >
            Sign out
          </FormButtons>
        </Dialog>
      )}
    </div>
  );
}

function HeaderSearch() {
  const navigate = useNavigate();
  const onSearchPage = useMatch('/search') !== null;
  const [text, setText] = useState('');
  // The query moves to the search page's own box; back from search, this box starts empty.
  useEffect(() => {
    if (onSearchPage) setText('');
  }, [onSearchPage]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  };
  if (onSearchPage) return <div className={styles.searchSlot} />;
  return (
    <form role="search" className={styles.search} onSubmit={submit} aria-label="Search messages">
      <SearchField
        variant="bar"
        placeholder="Search messages"
        value={text}
        onChange={(e) => setText(e.target.value)}
        enterKeyHint="search"
      />
    </form>
  );
}

/**
 * The signed-in frame. Wide screens show the room list, the conversation and its details side
 * by side; phones show one pane at a time, chosen by the address, with back navigation.
 */
export function Shell() {
  const { user, signOut } = useAuth();
  const api = useApi();
  const navigate = useNavigate();
  // Notifications allowed earlier: make sure the server can reach this browser while the app is closed.
  const userId = user?.id;
  useEffect(() => {
    if (userId !== undefined && notificationPermission() === 'granted') void turnOnPush(api).catch(() => undefined);
  }, [api, userId]);
  const home = useMatch('/');
  const room = useMatch('/rooms/:roomId');
  const details = useMatch('/rooms/:roomId/details');
  const search = useMatch('/search');
  const phone = useMediaQuery(PHONE_QUERY);
  const wide = useMediaQuery(WIDE_QUERY);
  const [detailsPreference, setDetailsPreference] = useState(readDetailsPreference);

  if (!home && !room && !details && !search) return <Navigate to="/" replace />;
  const roomId = Number((details ?? room)?.params.roomId) || null;
  const view: View = details ? 'details' : room ? 'conversation' : search ? 'search' : 'list';
  const detailsOpen = roomId !== null && (view === 'details' || (wide && view === 'conversation' && detailsPreference));

  const toggleDetails = () => {
    if (roomId === null) return;
    if (wide) {
      const open = !detailsOpen;
      setDetailsPreference(open);
      try {
        window.localStorage.setItem(DETAILS_KEY, String(open));
      } catch {
        // The preference lasts for this page only.
      }
      if (view === 'details') navigate(`/rooms/${roomId}`, { replace: true });
    } else {
      navigate(view === 'details' ? `/rooms/${roomId}` : `/rooms/${roomId}/details`);
    }
  };

  return (
    <div className={styles.shell} data-view={view}>
      <header className={styles.header}>
        <Link to="/" className={styles.home} aria-label="Parley home">
          <Logo size={30} />
        </Link>
        {phone ? (
          <IconButton icon="search" label="Search messages" className={styles.searchButton} onClick={() => navigate('/search')} />
        ) : (
          <HeaderSearch />
        )}
        {user && <Account user={user} onSignOut={signOut} />}
      </header>
      <ConnectionBanner />
      <CallBar />
      <div className={`${styles.workspace} ${detailsOpen ? styles.withDetails : ''}`}>
        <aside className={styles.sidebar} aria-label="Conversations">
          <RoomList activeRoomId={roomId} />
        </aside>
        <main className={styles.content}>
          {view === 'search' ? (
            <SearchView />
          ) : roomId !== null ? (
            <Conversation key={roomId} roomId={roomId} detailsOpen={detailsOpen} onToggleDetails={toggleDetails} />
          ) : (
            <NoRoom />
          )}
        </main>
        {detailsOpen && roomId !== null && (
          <aside className={styles.details} aria-label="Room details">
            <RoomDetails key={roomId} roomId={roomId} onClose={toggleDetails} />
          </aside>
        )}
      </div>
    </div>
  );
}
