/**
 * Holds the chat's one `ChatState` and tells subscribers when it changes. The state changes only
 * through `chatReducer`; an action that changes nothing notifies nobody.
 */
import type { UserId } from '../api/types';
import { chatReducer, initialChatState, type ChatAction, type ChatState } from './chatState';

export class ChatStateStore {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();

  constructor(me: UserId) {
    this.state = initialChatState(me);
  }

  readonly getState = (): ChatState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly dispatch = (action: ChatAction): void => {
    const next = chatReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  };

  /** Forgets every subscriber (the store is closing). */
  clear(): void {
    this.listeners.clear();
  }
}
