/** What every message row needs to know about its room and reader, and what it can ask for. */
import type { UserId } from '../../api/types';
import type { Message } from '../../chat/types';

/** The things a person can do to a message; the conversation carries them out. */
export interface MessageActions {
  react(message: Message, emoji: string): void;
  reply(message: Message): void;
  edit(message: Message): void;
  remove(message: Message): void;
  copy(message: Message): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
  jumpTo(seq: number): void;
  /** Opens the thread of a top-level message (absent inside the thread panel). */
  openThread?(message: Message): void;
}

export interface RowContext {
  me: { id: UserId; username: string };
  roomId: number;
  direct: boolean;
  /** The reader manages the room (owner or admin) and may delete anyone's message. */
  moderator: boolean;
  names: ReadonlyMap<UserId, string>;
  actions: MessageActions;
  /** The row is shown in the thread panel: no thread summary and no "Reply in thread". */
  inThread?: boolean;
}
