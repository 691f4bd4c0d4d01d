/** The files REST endpoints, over the authorized client (which renews the token on a 401). */
import type { ApiClient } from '../api/client';
import type { UserSummary } from '../api/types';
import type { Attachment, RoomId, Seq } from '../chat/types';
import type { FetchLinks } from './signedLinks';

/** A file as listed in a room: the attachment plus where and when it was sent. */
export interface RoomFile extends Attachment {
  createdAt: number;
  roomId: RoomId;
  seq: Seq;
  sender: UserSummary | null;
  sentAt: number;
}

export interface FilesApi {
  links: FetchLinks;
  /** The room's files, newest first; `before` pages on from the last one seen (its seq). */
  roomFiles(roomId: RoomId, options?: { before?: Seq; limit?: number }): Promise<RoomFile[]>;
}

export function createFilesApi(api: ApiClient): FilesApi {
  return {
    links: async (ids) => {
      const answer = await api.request<{ links?: Awaited<ReturnType<FetchLinks>> }>('/api/files/links', {
        method: 'POST',
        body: { ids },
      });
      return answer?.links ?? {};
    },
    roomFiles: async (roomId, options = {}) => {
      const params = new URLSearchParams({ limit: String(options.limit ?? 50) });
      if (options.before !== undefined) params.set('before', String(options.before));
      return (await api.request<{ files: RoomFile[] }>(`/api/rooms/${roomId}/files?${params}`)).files;
    },
  };
}
