/**
 * Builds the signed-in user's live stores: one realtime connection and the feature stores that
 * use it. Every feature store is made and started before the connection starts, so none misses
 * an event; a new user gets new stores, and leaving stops them all. A new feature is one more
 * store made here, with its provider in ChatShell: files sends its messages through the chat store.
 */
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { User } from '../api/types';
import type { AuthSession } from '../auth/authSession';
import { createCallApi } from '../calls/callApi';
import { CallStore } from '../calls/CallStore';
import { createChatApi } from '../chat/chatApi';
import { ChatStore } from '../chat/ChatStore';
import { FilesStore } from '../files/FilesStore';
import { tusUnfinishedStorage, tusUpload } from '../files/tusUpload';
import { reportPresence } from '../realtime/presenceReporter';
import { RealtimeConnection } from '../realtime/RealtimeConnection';

export interface LiveStores {
  connection: RealtimeConnection;
  chat: ChatStore;
  files: FilesStore;
  calls: CallStore;
}

export function useLiveStores(session: AuthSession, api: ApiClient, user: User): LiveStores | null {
  const [stores, setStores] = useState<LiveStores | null>(null);
  const userId = user.id;

  useEffect(() => {
    const connection = new RealtimeConnection({ session });
    const chat = new ChatStore({ connection, api: createChatApi(api), user });
    const files = new FilesStore({
      api,
      tokens: session,
      userId: user.id,
      send: (roomId, content, replyTo, attachments) => void chat.messages.send(roomId, content, replyTo, attachments),
      createUpload: tusUpload,
      unfinishedStorage: tusUnfinishedStorage(session),
    });
    chat.start();
    const calls = new CallStore({ connection, api: createCallApi(api), user });
    calls.start();
    const stopPresence = reportPresence(connection);
    connection.start();
    setStores({ connection, chat, files, calls });
    return () => {
      stopPresence();
      calls.stop();
      files.stop();
      chat.stop();
      connection.stop();
    };
    // The stores follow the user's identity (userId), not profile edits (user).
  }, [session, api, userId]); // eslint-disable-line react-hooks/exhaustive-deps

  return stores && stores.chat.user.id === userId ? stores : null;
}
