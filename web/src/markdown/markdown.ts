/**
 * Safe HTML for a message: markdown rendered by marked with raw HTML escaped, then cleaned by
 * DOMPurify with a short allow-list. Links open in a new tab without access to this page, and
 * `@username` mentions are marked so they can be styled. Results are cached by content.
 */
import DOMPurify from 'dompurify';
import { markdownToHtml } from './markdownHtml';

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'b', 'em', 'i', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const ALLOWED_ATTR = ['href', 'title', 'start'];
const MENTION = /(^|[^\w@.-])@([a-z0-9_.-]{3,32})/gi;
const CACHE_LIMIT = 2000;

let purifier: ReturnType<typeof DOMPurify> | null = null;
const cache = new Map<string, string>();

function sanitizer(): ReturnType<typeof DOMPurify> {
  purifier ??= DOMPurify(window);
  return purifier;
}

function markMentions(root: Node, me: string): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node.parentElement?.closest('a, code, pre'))) texts.push(node as Text);
  }
  for (const text of texts) {
    const value = text.data;
    if (!value.includes('@')) continue;
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const match of value.matchAll(MENTION)) {
      const start = (match.index ?? 0) + (match[1]?.length ?? 0);
      const name = match[2] ?? '';
      fragment.append(value.slice(at, start));
      const span = document.createElement('span');
      span.className = name.toLowerCase() === me ? 'mention mention-me' : 'mention';
      span.textContent = `@${name}`;
      fragment.append(span);
      at = start + name.length + 1;
    }
    if (at === 0) continue;
    fragment.append(value.slice(at));
    text.replaceWith(fragment);
  }
}

/** The message as sanitized HTML; `me` is the reader's username, whose mentions stand out. */
export function renderMarkdown(content: string, me = ''): string {
  const key = `${me}\u0000${content}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;

  const fragment = sanitizer().sanitize(markdownToHtml(content), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  for (const link of fragment.querySelectorAll('a')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  markMentions(fragment, me.toLowerCase());
  const container = document.createElement('div');
  container.append(fragment);
  const html = container.innerHTML.trim();

  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, html);
  return html;
}
