import { useMemo, useState, type FormEvent } from 'react';
import { nameOf } from '../../api/types';
import { useChatStore } from '../../chat/ChatContext';
import type { Member, RoomSummary } from '../../chat/types';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { FormButtons } from '../rooms/FormButtons';
import { MemberChips } from '../rooms/MemberChips';
import { useSubmit } from '../rooms/useSubmit';
import { UserPicker } from '../rooms/UserPicker';
import { GroupFields } from '../rooms/GroupFields';
import formStyles from '../rooms/Forms.module.css';

/** Renaming and describing a group (owners and admins). */
export function EditRoom({ room, onDone }: { room: RoomSummary; onDone: () => void }) {
  const store = useChatStore();
  const [name, setName] = useState(room.name);
  const [description, setDescription] = useState(room.description);
  const { busy, error, setError, run } = useSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('A group needs a name.');
      return;
    }
    await run(async () => {
      await store.rooms.updateRoom(room.id, { name: name.trim(), description: description.trim() });
      onDone();
    });
  };
  return (
    <Dialog title="Edit group" onClose={onDone}>
      <form className={formStyles.form} onSubmit={submit} noValidate>
        {error && <Alert>{error}</Alert>}
        <GroupFields name={name} description={description} onName={setName} onDescription={setDescription} />
        <FormButtons onCancel={onDone} busy={busy}>
          Save
        </FormButtons>
      </form>
    </Dialog>
  );
}

/** Adding people to a group (owners and admins). */
export function AddMembers({ room, members, onDone }: { room: RoomSummary; members: readonly Member[]; onDone: () => void }) {
  const store = useChatStore();
  const [chosen, setChosen] = useState<{ id: number; name: string }[]>([]);
  const { busy, error, run } = useSubmit();
  const exclude = useMemo(
    () => new Set([store.user.id, ...members.map((m) => m.userId), ...chosen.map((c) => c.id)]),
    [store, members, chosen],
  );
  const add = () =>
    run(async () => {
      await store.rooms.addMembers(room.id, chosen.map((c) => c.id));
      onDone();
    });
  return (
    <Dialog title={`Add people to ${room.name}`} onClose={onDone}>
      <div className={formStyles.form}>
        {error && <Alert>{error}</Alert>}
        <MemberChips members={chosen} onRemove={(id) => setChosen((list) => list.filter((c) => c.id !== id))} />
        <UserPicker label="Find people" onPick={(u) => setChosen((list) => [...list, { id: u.id, name: nameOf(u) }])} exclude={exclude} autoFocus />
        <FormButtons onCancel={onDone} onConfirm={() => void add()} busy={busy} disabled={chosen.length === 0}>
          Add {chosen.length > 0 ? chosen.length : ''}
        </FormButtons>
      </div>
    </Dialog>
  );
}

