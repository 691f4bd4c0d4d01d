import type { ClientEvent, ServerEvent } from '../realtime/events';
import type { ConnectInfo, EventHandler, Realtime } from '../realtime/RealtimeConnection';

/** The connection as a feature store sees it: requests are recorded and answered by `answer`. */
export class FakeConnection implements Realtime {
  connected = true;
  readonly sent: { event: ClientEvent; payload: any }[] = [];
  answer: (event: ClientEvent, payload: any) => unknown = () => true;
  private readonly handlers = new Map<ServerEvent, Set<EventHandler>>();
  private readonly connects = new Set<(info: ConnectInfo) => void>();
  private readonly disconnects = new Set<() => void>();

  getState = () => (this.connected ? ('online' as const) : ('reconnecting' as const));
  subscribeState = () => () => undefined;
  async request<T>(event: ClientEvent, payload: unknown): Promise<T> {
    this.sent.push({ event, payload });
    return (await this.answer(event, payload)) as T;
  }
  notify(event: ClientEvent, payload: unknown) {
    this.sent.push({ event, payload });
  }
  on(event: ServerEvent, handler: EventHandler) {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }
  onConnect(listener: (info: ConnectInfo) => void) {
    this.connects.add(listener);
    return () => this.connects.delete(listener);
  }
  onDisconnect(listener: () => void) {
    this.disconnects.add(listener);
    return () => this.disconnects.delete(listener);
  }
  serverSends(event: ServerEvent, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  drop() {
    this.connected = false;
    for (const listener of this.disconnects) listener();
  }
  reconnect(recovered: boolean) {
    this.connected = true;
    for (const listener of this.connects) listener({ recovered });
  }
  sentOf(event: ClientEvent) {
    return this.sent.filter((s) => s.event === event).map((s) => s.payload);
  }
}
