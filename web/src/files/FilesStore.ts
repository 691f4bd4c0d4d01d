/**
 * The file sharing feature for one signed-in user: the uploads the composer shows and sends (and
 * the unfinished ones of earlier visits), the signed links that pages load files through, and the REST endpoints. Made beside the chat store
 * in useLiveStores; it sends messages through the function it is given, so it needs nothing else
 * of the chat.
 */
import type { ApiClient, AccessTokens } from '../api/client';
import type { UserId } from '../api/types';
import { createFilesApi, type FilesApi } from './filesApi';
import { SignedLinks } from './signedLinks';
import { UnfinishedUploads, type UnfinishedStorage } from './unfinishedUploads';
import type { UploadFactory } from './uploadHandle';
import { UploadsStore, type SendWithAttachments } from './UploadsStore';

export interface FilesStoreOptions {
  api: ApiClient;
  tokens: Pick<AccessTokens, 'getAccessToken' | 'refresh'>;
  userId: UserId;
  send: SendWithAttachments;
  createUpload: UploadFactory;
  unfinishedStorage: UnfinishedStorage;
}

export class FilesStore {
  readonly api: FilesApi;
  readonly uploads: UploadsStore;
  readonly links: SignedLinks;
  readonly unfinished: UnfinishedUploads;

  constructor(options: FilesStoreOptions) {
    this.api = createFilesApi(options.api);
    this.unfinished = new UnfinishedUploads(options.unfinishedStorage, options.userId);
    this.links = new SignedLinks({ fetchLinks: (ids) => this.api.links(ids) });
    this.uploads = new UploadsStore({
      createUpload: options.createUpload,
      tokens: options.tokens,
      userId: options.userId,
      send: options.send,
    });
  }

  stop(): void {
    this.uploads.stop();
  }
}
