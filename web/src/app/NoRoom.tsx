import { useChat } from '../chat/ChatContext';
import { EmptyState } from '../ui/EmptyState';
import { useDocumentTitle } from '../ui/useDocumentTitle';

/** The conversation pane before a room is picked. */
export function NoRoom() {
  useDocumentTitle();
  const hasRooms = useChat((s) => Object.keys(s.rooms).length > 0);
  const loaded = useChat((s) => s.roomsLoaded);
  if (loaded && hasRooms) {
    return <EmptyState title="Pick a conversation">Choose a conversation on the left, or start a new one.</EmptyState>;
  }
  return (
    <EmptyState title="Your conversations will appear here">
      When someone messages you or adds you to a room, it will show up here. Start one with “New message”.
    </EmptyState>
  );
}
