/**
 * Holds the one `CallsState` and tells subscribers when it changes; it changes only through
 * `callsReducer`, and an action that changes nothing notifies nobody.
 */
import type { UserId } from '../api/types';
import { callsReducer, initialCallsState, type CallsAction, type CallsState } from './callState';

export class CallsStateStore {
  private state: CallsState;
  private readonly listeners = new Set<() => void>();

  constructor(me: UserId) {
    this.state = initialCallsState(me);
  }

  readonly getState = (): CallsState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly dispatch = (action: CallsAction): void => {
    const next = callsReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  };

  clear(): void {
    this.listeners.clear();
  }
}
