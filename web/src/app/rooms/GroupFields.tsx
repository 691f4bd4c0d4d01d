import { TextField } from '../../ui/TextField';

/** A group's name and optional description, as a new group and a group's edit form ask for them. */
export function GroupFields({
  name,
  description,
  onName,
  onDescription,
  nameError,
  required = false,
}: {
  name: string;
  description: string;
  onName: (name: string) => void;
  onDescription: (description: string) => void;
  nameError?: string;
  /** Marks the name as required (a new group). */
  required?: boolean;
}) {
  return (
    <>
      <TextField
        label="Group name"
        name="name"
        value={name}
        maxLength={64}
        onChange={(e) => onName(e.target.value)}
        error={nameError}
        autoFocus
        required={required}
      />
      <TextField
        label="Description"
        name="description"
        value={description}
        maxLength={280}
        onChange={(e) => onDescription(e.target.value)}
        optional
      />
    </>
  );
}
