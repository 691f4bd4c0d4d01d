import type { User } from '../../api/types';
import { Dialog } from '../../ui/Dialog';
import { ThemeSetting } from './ThemeSetting';

/** The account's settings: today, its colour theme. */
export function SettingsDialog({ user, onClose }: { user: User; onClose: () => void }) {
  return (
    <Dialog title="Settings" onClose={onClose}>
      <ThemeSetting user={user} />
    </Dialog>
  );
}
