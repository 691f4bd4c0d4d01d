/** Up to two initials: first letters of the first two words, or the first two letters of one. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s._-]+/).filter(Boolean);
  const first = words[0] ?? '';
  const letters =
    words.length > 1 ? [first, words[1] ?? ''].map((word) => [...word][0] ?? '') : [...first].slice(0, 2);
  return letters.join('').toUpperCase() || '?';
}
