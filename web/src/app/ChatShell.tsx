import { useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApi, useAuth, useSession } from '../auth/AuthContext';
import { ChatProvider, useChat, useChatStore } from '../chat/ChatContext';
import { showNotification, shouldNotify } from '../chat/notifications';
import { totalUnread } from '../chat/rooms';
import { ToastProvider } from '../ui/Toast';
import { setUnreadInTitle } from '../ui/useDocumentTitle';
import { Shell } from './Shell';

/** The signed-in app: one chat store for the user, with notifications and the unread title. */
export function ChatShell() {
  const { user } = useAuth();
  const session = useSession();
  const api = useApi();
  if (!user) return null;
  return (
    <ChatProvider session={session} api={api} user={user}>
      <ToastProvider>
        <Attention />
        <Shell />
      </ToastProvider>
    </ChatProvider>
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
        if (shouldNotify(message, room, store.user, document.visibilityState === 'hidden')) {
          showNotification(message, room, () => navigate(`/rooms/${message.roomId}`));
        }
      }),
    [store, navigate],
  );
  return null;
}
