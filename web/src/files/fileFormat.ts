/** How files are described to people: sizes, and the kind a type suggests before the server has seen the bytes. */
import type { AttachmentKind } from '../chat/types';

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** A byte count as people read it: "512 bytes", "1.5 MB", "12 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown} ${UNITS[unit]}`;
}

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const VIDEO_TYPES = new Set(['video/mp4', 'video/webm']);

/**
 * The kind a file's declared type suggests, for a file still on this device (the server decides
 * the real kind from the bytes). Mirrors the server's list: anything else is a plain file.
 */
export function kindOfType(contentType: string): AttachmentKind {
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  if (IMAGE_TYPES.has(type)) return 'image';
  if (VIDEO_TYPES.has(type)) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (type === 'application/pdf') return 'pdf';
  return 'file';
}

/** A few words for a kind, for screen readers and one-line previews. */
export function kindLabel(kind: AttachmentKind): string {
  switch (kind) {
    case 'image':
      return 'Photo';
    case 'video':
      return 'Video';
    case 'audio':
      return 'Audio';
    case 'pdf':
      return 'PDF';
    case 'file':
      return 'File';
  }
}
