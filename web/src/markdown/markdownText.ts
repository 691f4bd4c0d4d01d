/**
 * Message markdown as one line of plain text, from the same parse that renders the message, so
 * a preview says what the conversation shows: marks dropped, links and images by their text,
 * code blocks as "[code]", raw HTML as the text it is.
 */
import type { Token, Tokens } from 'marked';
import { markdownLexer } from './markdownHtml';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Character references in source text show as their characters, as they do in the rendered HTML. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'list_item', 'table', 'space', 'hr', 'br']);

function textOf(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'code':
        out += ' [code] ';
        break;
      case 'codespan':
        out += (token as Tokens.Codespan).text;
        break;
      case 'image':
        out += (token as Tokens.Image).text;
        break;
      case 'html':
        out += (token as Tokens.HTML).text;
        break;
      case 'checkbox':
        out += (token as Tokens.Checkbox).checked ? '☑ ' : '☐ ';
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) out += `${textOf(item.tokens)} `;
        break;
      case 'table': {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) out += `${row.map((cell) => textOf(cell.tokens)).join(' ')} `;
        break;
      }
      default: {
        const inner = (token as { tokens?: Token[] }).tokens;
        if (inner) out += textOf(inner);
        else if (token.type === 'escape') out += (token as Tokens.Escape).text;
        else if (token.type === 'text') out += decode((token as Tokens.Text).text);
      }
    }
    if (BLOCKS.has(token.type)) out += ' ';
  }
  return out;
}

/** The plain text of a message's markdown, whitespace folded to single spaces. */
export function markdownToText(content: string): string {
  return textOf(markdownLexer(content)).replace(/\s+/g, ' ').trim();
}
