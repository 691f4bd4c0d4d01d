import type { Message } from '../chat/types';
import { attachmentsSummary } from '../files/attachmentLayout';

/**
 * One line of plain text for a message: markdown marks dropped, code blocks and links kept short;
 * a message of files only is summed up by them ("Photo", "report.pdf").
 */
export function previewText(message: Pick<Message, 'content' | 'deleted' | 'attachments'>): string {
  if (message.deleted) return 'Message deleted';
  const text = message.content
    .replace(/```[\s\S]*?(```|$)/g, ' [code] ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>+)\s?/gm, '')
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return text || attachmentsSummary(message.attachments ?? []) || ' ';
}
