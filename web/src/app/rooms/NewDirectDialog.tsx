import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { UserSummary } from '../../api/types';
import { useChatStore } from '../../chat/ChatContext';
import { describeError } from '../../realtime/describeError';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { UserPicker } from './UserPicker';

/** "New message": find a person and open the direct conversation with them. */
export function NewDirectDialog({ onClose }: { onClose: () => void }) {
  const store = useChatStore();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exclude = useMemo(() => new Set([store.user.id]), [store]);

  const pick = async (user: UserSummary) => {
    setBusy(true);
    setError(null);
    try {
      const room = await store.rooms.openDirect(user.id);
      onClose();
      navigate(`/rooms/${room.id}`);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New message" onClose={onClose}>
      {error && <Alert>{error}</Alert>}
      <UserPicker label="To" onPick={pick} exclude={exclude} autoFocus disabled={busy} />
    </Dialog>
  );
}
