/**
 * Message markdown to HTML, before sanitizing: bold, italics, strikethrough, inline code, code
 * blocks, lists, quotes and links. Raw HTML in a message is never passed through: it is shown as
 * the text it is. Images become links, so a message never loads anything from another host.
 * Headings render as bold lines, which suits chat better than page headings.
 */
import { Marked, type Token, type Tokens } from 'marked';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    image({ href, text }: Tokens.Image): string {
      return `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`;
    },
    heading({ tokens }: Tokens.Heading): string {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

/** Markdown to (unsanitized) HTML. The result must still go through the sanitizer. */
export function markdownToHtml(content: string): string {
  return marked.parse(content, { async: false });
}

/** The tokens of the same parse, for the plain-text previews (markdownText.ts). */
export function markdownLexer(content: string): Token[] {
  return marked.lexer(content);
}

/** True when the message is nothing but one to three emoji, which read better large. */
export function isEmojiOnly(content: string): boolean {
  const trimmed = content.trim();
  if (!trimmed || trimmed.length > 32) return false;
  const emoji = /^(?:\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*\s*){1,3}$/u;
  return emoji.test(trimmed);
}
