import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { UserSummary } from '../../api/types';
import { useChatStore } from '../../chat/ChatContext';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { useSubmit } from './useSubmit';
import { UserPicker } from './UserPicker';

/** "New message": find a person and open the direct conversation with them. */
export function NewDirectDialog({ onClose }: { onClose: () => void }) {
  const store = useChatStore();
  const navigate = useNavigate();
  const { busy, error, run } = useSubmit();
  const exclude = useMemo(() => new Set([store.user.id]), [store]);

  const pick = (user: UserSummary) =>
    run(async () => {
      const room = await store.rooms.openDirect(user.id);
      onClose();
      navigate(`/rooms/${room.id}`);
    });

  return (
    <Dialog title="New message" onClose={onClose}>
      {error && <Alert>{error}</Alert>}
      <UserPicker label="To" onPick={pick} exclude={exclude} autoFocus disabled={busy} />
    </Dialog>
  );
}
