import type { Message } from '../chat/types';
import { attachmentsSummary } from '../files/attachmentLayout';
import { markdownToText } from '../markdown/markdownText';

/**
 * One line of plain text for a message, read from the same markdown parse as the conversation:
 * marks dropped, code blocks and links kept short;
 * a message of files only is summed up by them ("Photo", "report.pdf").
 */
export function previewText(message: Pick<Message, 'content' | 'deleted' | 'attachments'>): string {
  if (message.deleted) return 'Message deleted';
  const text = markdownToText(message.content);
  return text || attachmentsSummary(message.attachments ?? []) || ' ';
}
