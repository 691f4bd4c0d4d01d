/** `@username` mentions: the same characters a username may hold. */
const MENTION = /(^|[^\w@.-])@([a-z0-9_.-]{3,32})/gi;

export function mentionsOf(content: string): string[] {
  const names: string[] = [];
  for (const match of content.matchAll(MENTION)) names.push((match[2] ?? '').toLowerCase().replace(/[.-]+$/, ''));
  return names;
}

export function mentions(content: string, username: string): boolean {
  return mentionsOf(content).includes(username.toLowerCase());
}
