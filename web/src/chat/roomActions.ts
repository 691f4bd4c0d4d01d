/**
 * What a person does to rooms and their members over REST, each answer applied to the state.
 * The server also tells every member (this tab included) over the socket; the reducer applies
 * each change once whichever of the two arrives first.
 */
import type { User, UserId } from '../api/types';
import type { ChatApi } from './chatApi';
import type { ChatLoader } from './chatLoader';
import type { ChatStateStore } from './chatStateStore';
import type { NotificationLevel, RoomId, RoomSummary } from './types';

export class RoomActions {
  constructor(
    private readonly store: ChatStateStore,
    private readonly api: ChatApi,
    private readonly loader: ChatLoader,
    private readonly user: User,
  ) {}

  async openDirect(userId: UserId): Promise<RoomSummary> {
    const room = await this.api.openDirect(userId);
    this.store.dispatch({ type: 'roomUpserted', room });
    return room;
  }

  async createGroup(name: string, description: string, memberIds: UserId[]): Promise<RoomSummary> {
    const room = await this.api.createGroup(description ? { name, description, memberIds } : { name, memberIds });
    this.store.dispatch({ type: 'roomUpserted', room });
    return room;
  }

  async updateRoom(roomId: RoomId, changes: { name?: string; description?: string }): Promise<void> {
    const room = await this.api.updateRoom(roomId, changes);
    this.store.dispatch({ type: 'roomRenamed', roomId, name: room.name, description: room.description });
  }

  /**
   * My notifications for the room, shown at once and undone if the server refuses; my other
   * devices hear of it as `notification_settings`.
   */
  async setNotifications(roomId: RoomId, level: NotificationLevel, mutedUntil?: number): Promise<void> {
    const before = this.store.getState().rooms[roomId]?.notifications ?? { level: 'all', mutedUntil: null };
    this.store.dispatch({ type: 'notificationsSet', roomId, settings: { level, mutedUntil: mutedUntil ?? null } });
    try {
      const settings = await this.api.setNotifications(roomId, level, mutedUntil);
      this.store.dispatch({ type: 'notificationsSet', roomId, settings });
    } catch (e) {
      this.store.dispatch({ type: 'notificationsSet', roomId, settings: before });
      throw e;
    }
  }

  async deleteRoom(roomId: RoomId): Promise<void> {
    await this.api.deleteRoom(roomId);
    this.store.dispatch({ type: 'roomRemoved', roomId });
  }

  async addMembers(roomId: RoomId, userIds: UserId[]): Promise<void> {
    await this.api.addMembers(roomId, userIds);
    await this.loader.loadMembers(roomId, true);
  }

  async setRole(roomId: RoomId, userId: UserId, role: 'admin' | 'member'): Promise<void> {
    const member = await this.api.setRole(roomId, userId, role);
    this.store.dispatch({ type: 'memberUpserted', roomId, member });
  }

  async removeMember(roomId: RoomId, userId: UserId): Promise<void> {
    await this.api.removeMember(roomId, userId);
    // The socket's member_removed may come before or after this answer: with the list loaded the
    // removal applies once either way; without it, the list is fetched rather than counted down twice.
    if (this.store.getState().members[roomId]) this.store.dispatch({ type: 'memberRemoved', roomId, userId });
    else await this.loader.loadMembers(roomId, true);
  }

  async leave(roomId: RoomId): Promise<void> {
    await this.api.removeMember(roomId, this.user.id);
    this.store.dispatch({ type: 'roomRemoved', roomId });
  }
}
