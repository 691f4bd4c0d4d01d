import { useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { User } from '../api/types';
import { useApi, useAuth, useSession } from '../auth/AuthContext';
import { CallProvider } from '../calls/CallContext';
import { ChatProvider, useChat, useChatStore } from '../chat/ChatContext';
import { FilesProvider } from '../files/FilesContext';
import { showNotification, shouldNotify } from '../chat/notifications';
import { tookPart } from '../chat/threadReads';
import { totalUnread } from '../chat/rooms';
import { ToastProvider } from '../ui/Toast';
import { RealtimeProvider } from '../realtime/RealtimeContext';
import { setUnreadInTitle } from '../ui/useDocumentTitle';
import { CallLayer } from './calls/CallLayer';
import { Shell } from './Shell';
import { useLiveStores } from './useLiveStores';

/** The signed-in app: the user's live stores, with notifications and the unread title. */
export function ChatShell() {
  const { user } = useAuth();
  if (!user) return null;
  return <LiveApp user={user} />;
}

function LiveApp({ user }: { user: User }) {
  const stores = useLiveStores(useSession(), useApi(), user);
  if (!stores) return null;
  return (
    <RealtimeProvider connection={stores.connection}>
      <ChatProvider store={stores.chat}>
        <FilesProvider store={stores.files}>
          <CallProvider store={stores.calls}>
            <ToastProvider>
              <Attention />
              <Shell />
              <CallLayer />
            </ToastProvider>
          </CallProvider>
        </FilesProvider>
      </ChatProvider>
    </RealtimeProvider>
  );
}

/** Keeps the tab title's unread count current and raises notifications while the tab is hidden. */
function Attention() {
  const store = useChatStore();
  const navigate = useNavigate();
  const rooms = useChat((s) => s.rooms);
  const unread = useMemo(() => totalUnread(rooms), [rooms]);

  useEffect(() => {
    setUnreadInTitle(unread);
  }, [unread]);
  useEffect(() => () => setUnreadInTitle(0), []);

  useEffect(
    () =>
      store.onIncoming((message, room) => {
        const inMyThread = tookPart(store.getState(), message, store.user.id);
        if (shouldNotify(message, room, store.user, document.visibilityState === 'hidden', Date.now(), inMyThread)) {
          showNotification(message, room, () => navigate(`/rooms/${message.roomId}`));
        }
      }),
    [store, navigate],
  );
  return null;
}
