/** The calls REST endpoints, over the authorized client. */
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { Call, IceServersResponse } from './types';

export interface CallApi {
  iceServers(): Promise<IceServersResponse>;
  /** The room's call in progress, or null when there is none. */
  roomCall(roomId: number): Promise<Call | null>;
}

export function createCallApi(api: ApiClient): CallApi {
  return {
    iceServers: () => api.request<IceServersResponse>('/api/calls/ice-servers'),
    roomCall: async (roomId) => {
      try {
        const call = await api.request<Call | undefined>(`/api/rooms/${roomId}/call`);
        return call && call.state !== 'ended' ? call : null;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
