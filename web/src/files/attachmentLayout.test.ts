import { describe, expect, it } from 'vitest';
import type { Attachment } from '../chat/types';
import { attachmentsSummary, gridColumns, layoutAttachments, singleImageBox, stepIndex, videoAspect } from './attachmentLayout';
import { formatSize, kindOfType } from './fileFormat';

function file(id: string, kind: Attachment['kind'], extra: Partial<Attachment> = {}): Attachment {
  return { id, name: `${id}.bin`, size: 10, contentType: 'application/octet-stream', kind, url: `/api/files/${id}/content`, ...extra };
}

describe('layoutAttachments', () => {
  it('puts the images in one grid first and keeps the others in order', () => {
    const blocks = layoutAttachments([file('a', 'file'), file('b', 'image'), file('c', 'video'), file('d', 'image'), file('e', 'pdf'), file('f', 'audio')]);
    expect(blocks.map((b) => b.kind)).toEqual(['images', 'file', 'video', 'pdf', 'audio']);
    expect(blocks[0]).toMatchObject({ images: [{ id: 'b' }, { id: 'd' }] });
  });

  it('has no grid without images, and nothing for nothing', () => {
    expect(layoutAttachments([file('a', 'file')]).map((b) => b.kind)).toEqual(['file']);
    expect(layoutAttachments([])).toEqual([]);
  });
});

describe('image boxes', () => {
  it('scales a lone image down into the box, keeping its proportions', () => {
    expect(singleImageBox(file('a', 'image', { width: 1600, height: 900 }))).toEqual({ width: 320, height: 180 });
    expect(singleImageBox(file('a', 'image', { width: 600, height: 1200 }))).toEqual({ width: 160, height: 320 });
  });

  it('never scales a small image up, and reserves a box when the size is unknown', () => {
    expect(singleImageBox(file('a', 'image', { width: 40, height: 30 }))).toEqual({ width: 40, height: 30 });
    expect(singleImageBox(file('a', 'image'))).toEqual({ width: 240, height: 180 });
    expect(singleImageBox(file('a', 'image', { width: 0, height: 0 }))).toEqual({ width: 240, height: 180 });
  });

  it('lays several images out in two or three columns', () => {
    expect([1, 2, 3, 4, 5, 9].map(gridColumns)).toEqual([1, 2, 3, 2, 3, 3]);
  });

  it('gives videos their own proportions or 16:9', () => {
    expect(videoAspect(file('v', 'video', { width: 640, height: 480 }))).toBe('640 / 480');
    expect(videoAspect(file('v', 'video'))).toBe('16 / 9');
  });
});

describe('viewer steps', () => {
  it('stops at either end', () => {
    expect(stepIndex(0, 3, 1)).toBe(1);
    expect(stepIndex(2, 3, 1)).toBeNull();
    expect(stepIndex(0, 3, -1)).toBeNull();
    expect(stepIndex(1, 3, -1)).toBe(0);
  });
});

describe('descriptions', () => {
  it('sums up a message of files', () => {
    expect(attachmentsSummary([file('a', 'image')])).toBe('Photo');
    expect(attachmentsSummary([file('a', 'image'), file('b', 'image')])).toBe('2 photos');
    expect(attachmentsSummary([file('a', 'pdf', { name: 'report.pdf' })])).toBe('report.pdf');
    expect(attachmentsSummary([file('a', 'image'), file('b', 'pdf')])).toBe('2 files');
    expect(attachmentsSummary([])).toBe('');
  });

  it('formats sizes', () => {
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(512)).toBe('512 bytes');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(12 * 1024 * 1024)).toBe('12 MB');
    expect(formatSize(3 * 1024 ** 3)).toBe('3 GB');
  });

  it('guesses the kind from the declared type as the server would', () => {
    expect(kindOfType('image/png')).toBe('image');
    expect(kindOfType('image/svg+xml')).toBe('file');
    expect(kindOfType('video/webm')).toBe('video');
    expect(kindOfType('audio/ogg')).toBe('audio');
    expect(kindOfType('application/pdf')).toBe('pdf');
    expect(kindOfType('')).toBe('file');
  });
});
