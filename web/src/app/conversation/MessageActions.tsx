import { useState } from 'react';
import type { Message } from '../../chat/types';
import { Dialog } from '../../ui/Dialog';
import { Icon, type IconName } from '../../ui/Icon';
import { IconButton } from '../../ui/IconButton';
import { Popover } from '../../ui/Popover';
import { PICKER_EMOJI, QUICK_REACTIONS } from './emoji';
import type { RowContext } from './rowContext';
import { Menu, MenuItem } from '../../ui/Menu';
import styles from './MessageActions.module.css';

interface MenuItem {
  label: string;
  icon: IconName;
  run: () => void;
  danger?: boolean;
}

function menuItems(message: Message, mine: boolean, context: RowContext): MenuItem[] {
  const { actions } = context;
  const items: MenuItem[] = [{ label: 'Reply', icon: 'reply', run: () => actions.reply(message) }];
  const openThread = threadOpener(message, context);
  if (openThread) items.push({ label: 'Reply in thread', icon: 'thread', run: openThread });
  items.push({ label: 'Copy text', icon: 'copy', run: () => actions.copy(message) });
  if (mine) items.push({ label: 'Edit', icon: 'edit', run: () => actions.edit(message) });
  if (mine || context.moderator) items.push({ label: 'Delete', icon: 'trash', run: () => actions.remove(message), danger: true });
  return items;
}

/** What opens this message's thread, when it can have one here: a top-level message outside the thread panel. */
function threadOpener(message: Message, context: RowContext): (() => void) | null {
  const open = context.actions.openThread;
  if (!open || context.inThread || message.threadRootSeq != null || message.kind !== 'text') return null;
  return () => open(message);
}

/** The emoji grid, as a popover or inside the phone sheet. */
export function EmojiGrid({ onPick }: { onPick: (emoji: string) => void }) {
  return (
    <div className={styles.grid}>
      {PICKER_EMOJI.map(({ emoji, name }) => (
        <button key={emoji} type="button" className={styles.emoji} onClick={() => onPick(emoji)} aria-label={`React with ${name}`} title={name}>
          {emoji}
        </button>
      ))}
    </div>
  );
}

/**
 * The actions on a message: a small toolbar shown on hover and keyboard focus, and on touch
 * screens a sheet opened by a long press.
 */
export function MessageToolbar({
  message,
  mine,
  context,
  sheetOpen,
  onSheetClose,
}: {
  message: Message;
  mine: boolean;
  context: RowContext;
  sheetOpen: boolean;
  onSheetClose: () => void;
}) {
  const [picker, setPicker] = useState<HTMLElement | null>(null);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const items = menuItems(message, mine, context).filter((item) => item.label !== 'Reply in thread');
  const sheetItems = menuItems(message, mine, context);
  const openThread = threadOpener(message, context);
  const open = picker !== null || menu !== null;

  return (
    <>
      <div className={`${styles.toolbar} ${mine ? styles.left : ''} ${open ? styles.open : ''}`} role="toolbar" aria-label="Message actions">
        <IconButton
          icon="smile"
          label="Add reaction"
          size="small"
          aria-haspopup="dialog"
          aria-expanded={picker !== null}
          onClick={(e) => setPicker(picker ? null : e.currentTarget)}
        />
        <IconButton icon="reply" label="Reply" size="small" onClick={() => context.actions.reply(message)} />
        {openThread && <IconButton icon="thread" label="Reply in thread" size="small" onClick={openThread} />}
        <IconButton
          icon="more"
          label="More actions"
          size="small"
          aria-haspopup="menu"
          aria-expanded={menu !== null}
          onClick={(e) => setMenu(menu ? null : e.currentTarget)}
        />
      </div>
      {picker && (
        <Popover anchor={picker} onClose={() => setPicker(null)} label="Pick a reaction">
          <EmojiGrid
            onPick={(emoji) => {
              setPicker(null);
              context.actions.react(message, emoji);
            }}
          />
        </Popover>
      )}
      {menu && (
        <Popover anchor={menu} onClose={() => setMenu(null)} label="Message actions" role="menu">
          <Menu>
            {items.map((item) => (
              <MenuItem
                key={item.label}
                icon={item.icon}
                danger={item.danger}
                onClick={() => {
                  setMenu(null);
                  item.run();
                }}
              >
                {item.label}
              </MenuItem>
            ))}
          </Menu>
        </Popover>
      )}
      {sheetOpen && (
        <Dialog title="Message actions" onClose={onSheetClose} variant="sheet" hideTitle>
          <div className={styles.quick} role="group" aria-label="React">
            {QUICK_REACTIONS.map((emoji) => (
              <button
                key={emoji}
                type="button"
                className={styles.quickEmoji}
                aria-label={`React with ${emoji}`}
                onClick={() => {
                  onSheetClose();
                  context.actions.react(message, emoji);
                }}
              >
                {emoji}
              </button>
            ))}
          </div>
          <div className={styles.sheetList}>
            {sheetItems.map((item) => (
              <button
                key={item.label}
                type="button"
                className={`${styles.sheetItem} ${item.danger ? styles.danger : ''}`}
                onClick={() => {
                  onSheetClose();
                  item.run();
                }}
              >
                <Icon name={item.icon} size={20} />
                {item.label}
              </button>
            ))}
          </div>
        </Dialog>
      )}
    </>
  );
}
