/** The real uploads: tus-js-client's `Upload` with the store's settings (browser build). */
import { Upload } from 'tus-js-client';
import type { UploadFactory } from './UploadsStore';

export const tusUpload: UploadFactory = (file, settings) => new Upload(file, settings);
