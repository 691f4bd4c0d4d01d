import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { nameOf, type UserSummary } from '../../api/types';
import { useChatStore } from '../../chat/ChatContext';
import { Alert } from '../../ui/Alert';
import { Dialog } from '../../ui/Dialog';
import { FormButtons } from './FormButtons';
import { GroupFields } from './GroupFields';
import { MemberChips } from './MemberChips';
import { useSubmit } from './useSubmit';
import { UserPicker } from './UserPicker';
import styles from './Forms.module.css';

/** "New group": a name, an optional description and the first members. */
export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const store = useChatStore();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [members, setMembers] = useState<UserSummary[]>([]);
  const [nameError, setNameError] = useState<string | undefined>();
  const { busy, error, run } = useSubmit();
  const exclude = useMemo(() => new Set([store.user.id, ...members.map((m) => m.id)]), [store, members]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Give the group a name.');
      return;
    }
    await run(async () => {
      const room = await store.rooms.createGroup(name.trim(), description.trim(), members.map((m) => m.id));
      onClose();
      navigate(`/rooms/${room.id}`);
    });
  };

  return (
    <Dialog title="New group" onClose={onClose}>
      <form className={styles.form} onSubmit={submit} noValidate>
        {error && <Alert>{error}</Alert>}
        <GroupFields
          name={name}
          description={description}
          onName={(value) => {
            setName(value);
            setNameError(undefined);
          }}
          onDescription={setDescription}
          nameError={nameError}
          required
        />
        <MemberChips
          members={members.map((m) => ({ id: m.id, name: nameOf(m) }))}
          onRemove={(id) => setMembers((list) => list.filter((m) => m.id !== id))}
        />
        <UserPicker label="Add people" onPick={(user) => setMembers((list) => [...list, user])} exclude={exclude} />
        <FormButtons onCancel={onClose} busy={busy}>
          Create group
        </FormButtons>
      </form>
    </Dialog>
  );
}
