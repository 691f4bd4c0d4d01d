/**
 * How a message's attachments are laid out, decided without a browser: images go together in a
 * grid of thumbnails (each tile's box known before anything loads, from the image's width and
 * height, so the timeline does not jump), video and audio get native players, PDFs a first-page
 * preview, and anything else a card. Position order is kept within each group.
 */
import type { Attachment } from '../chat/types';

export type AttachmentBlock =
  | { kind: 'images'; images: Attachment[] }
  | { kind: 'video' | 'audio' | 'pdf' | 'file'; attachment: Attachment };

/** Images first as one grid, then every other file in position order. */
export function layoutAttachments(attachments: readonly Attachment[]): AttachmentBlock[] {
  const images = attachments.filter((a) => a.kind === 'image');
  const blocks: AttachmentBlock[] = images.length ? [{ kind: 'images', images }] : [];
  for (const attachment of attachments) {
    if (attachment.kind !== 'image') blocks.push({ kind: attachment.kind, attachment });
  }
  return blocks;
}

export interface Box {
  width: number;
  height: number;
}

/** The largest box a lone image takes in a message. */
export const SINGLE_MAX: Box = { width: 320, height: 320 };
/** A lone image of unknown size. */
const UNKNOWN: Box = { width: 240, height: 180 };
/** A tile of a grid of several images: square. */
export const TILE = 150;

function known(a: Attachment): a is Attachment & { width: number; height: number } {
  return typeof a.width === 'number' && typeof a.height === 'number' && a.width > 0 && a.height > 0;
}

/** The box of one image shown alone: its own proportions, scaled down into SINGLE_MAX, never up. */
export function singleImageBox(a: Attachment): Box {
  if (!known(a)) return UNKNOWN;
  const scale = Math.min(1, SINGLE_MAX.width / a.width, SINGLE_MAX.height / a.height);
  return { width: Math.max(1, Math.round(a.width * scale)), height: Math.max(1, Math.round(a.height * scale)) };
}

/** Columns of a grid of `count` images: two for 2 and 4, three otherwise (one for one). */
export function gridColumns(count: number): number {
  if (count <= 1) return 1;
  if (count === 2 || count === 4) return 2;
  return 3;
}

/** The proportions a video's player reserves: its own when known, else 16:9. */
export function videoAspect(a: Attachment): string {
  return known(a) ? `${a.width} / ${a.height}` : '16 / 9';
}

/** The next or previous image of a viewer, or null at either end. */
export function stepIndex(current: number, count: number, step: 1 | -1): number | null {
  const next = current + step;
  return next >= 0 && next < count ? next : null;
}

/** The one-line stand-in for a message that is only files: "Photo", "3 photos", "report.pdf". */
export function attachmentsSummary(attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return '';
  const images = attachments.filter((a) => a.kind === 'image').length;
  if (images === attachments.length) return images === 1 ? 'Photo' : `${images} photos`;
  if (attachments.length === 1) return attachments[0]!.name;
  return `${attachments.length} files`;
}
