/**
 * The search query language, as far as the search page needs it: split a query into terms and
 * filters (shown as chips), and put it back together.
 */

export type TokenKind = 'word' | 'phrase' | 'prefix' | 'exclude' | 'from' | 'in' | 'before' | 'after' | 'has';

export interface QueryToken {
  kind: TokenKind;
  /** The token as typed, quotes included. */
  raw: string;
  /** What it matches or filters by, without the operator or quotes. */
  value: string;
}

const HAS_LABELS: Readonly<Record<string, string>> = { link: 'Has a link', file: 'Has a file', image: 'Has an image' };
const FILTERS: ReadonlySet<string> = new Set(['from', 'in', 'before', 'after', 'has']);

/** Splits on spaces outside double quotes; `in:"team chat"` stays one piece. */
function pieces(query: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of query) {
    if (ch === '"') quoted = !quoted;
    if (/\s/.test(ch) && !quoted) {
      if (current) out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current) out.push(current);
  return out;
}

function unquote(text: string): string {
  return text.replace(/^"(.*)"?$/s, '$1').replace(/"$/, '');
}

export function parseQuery(query: string): QueryToken[] {
  return pieces(query).map((raw): QueryToken => {
    const colon = raw.indexOf(':');
    const operator = colon > 0 ? raw.slice(0, colon).toLowerCase() : '';
    if (FILTERS.has(operator) && colon < raw.length - 1) {
      return { kind: operator as TokenKind, raw, value: unquote(raw.slice(colon + 1)) };
    }
    if (raw.startsWith('-') && raw.length > 1) return { kind: 'exclude', raw, value: unquote(raw.slice(1)) };
    if (raw.startsWith('"')) return { kind: 'phrase', raw, value: unquote(raw) };
    if (raw.endsWith('*') && raw.length > 1) return { kind: 'prefix', raw, value: raw.slice(0, -1) };
    return { kind: 'word', raw, value: raw };
  });
}

export function isFilter(token: QueryToken): boolean {
  return token.kind !== 'word' && token.kind !== 'phrase' && token.kind !== 'prefix';
}

/** The query without the token at `index`. */
export function withoutToken(query: string, index: number): string {
  return parseQuery(query)
    .filter((_, i) => i !== index)
    .map((t) => t.raw)
    .join(' ');
}

/** The query with a filter added, or replaced when one of that kind exists (except exclusions). */
export function withFilter(query: string, kind: 'from' | 'in' | 'before' | 'after' | 'has', value: string): string {
  const quoted = /\s/.test(value) ? `"${value}"` : value;
  const kept = parseQuery(query).filter((t) => t.kind !== kind || kind === 'has');
  if (kind === 'has' && kept.some((t) => t.kind === 'has' && t.value === value)) return query.trim();
  return [...kept.map((t) => t.raw), `${kind}:${quoted}`].join(' ');
}

/** A human label for a filter chip. */
export function chipLabel(token: QueryToken): string {
  switch (token.kind) {
    case 'from':
      return `From ${token.value}`;
    case 'in':
      return `In ${token.value}`;
    case 'before':
      return `Before ${token.value}`;
    case 'after':
      return `After ${token.value}`;
    case 'has':
      return HAS_LABELS[token.value] ?? `Has ${token.value}`;
    case 'exclude':
      return `Without “${token.value}”`;
    case 'phrase':
      return `“${token.value}”`;
    case 'prefix':
      return `${token.value}…`;
    case 'word':
      return token.value;
  }
}

/** A snippet as plain and highlighted parts, from segments or from text with «marked» terms. */
export function snippetParts(snippet: readonly { text: string; match: boolean }[] | string): { text: string; hit: boolean }[] {
  if (typeof snippet !== 'string') return snippet.filter((s) => s.text).map((s) => ({ text: s.text, hit: s.match }));
  const parts: { text: string; hit: boolean }[] = [];
  const pattern = /«([^»]*)»/g;
  let at = 0;
  for (const match of snippet.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > at) parts.push({ text: snippet.slice(at, index), hit: false });
    if (match[1]) parts.push({ text: match[1], hit: true });
    at = index + match[0].length;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), hit: false });
  return parts;
}
