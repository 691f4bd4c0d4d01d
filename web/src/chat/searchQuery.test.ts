import { describe, expect, it } from 'vitest';
import { chipLabel, isFilter, parseQuery, snippetParts, withFilter, withoutToken } from './searchQuery';

describe('search query', () => {
  it('splits words, phrases, prefixes, exclusions and filters', () => {
    const tokens = parseQuery('deploy "release notes" stag* -flaky from:bob in:"team chat" before:2025-02-01 has:link');
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'deploy'],
      ['phrase', 'release notes'],
      ['prefix', 'stag'],
      ['exclude', 'flaky'],
      ['from', 'bob'],
      ['in', 'team chat'],
      ['before', '2025-02-01'],
      ['has', 'link'],
    ]);
    expect(tokens.filter(isFilter).map(chipLabel)).toEqual([
      'Without “flaky”',
      'From bob',
      'In team chat',
      'Before 2025-02-01',
      'Has a link',
    ]);
  });

  it('removes one token and adds or replaces filters', () => {
    expect(withoutToken('deploy from:bob has:link', 1)).toBe('deploy has:link');
    expect(withFilter('deploy from:bob', 'from', 'carol')).toBe('deploy from:carol');
    expect(withFilter('deploy', 'in', 'team chat')).toBe('deploy in:"team chat"');
    expect(withFilter('x has:link', 'has', 'link')).toBe('x has:link');
  });

  it('splits a snippet into plain and highlighted parts', () => {
    expect(snippetParts('the «deploy» went «fine»!')).toEqual([
      { text: 'the ', hit: false },
      { text: 'deploy', hit: true },
      { text: ' went ', hit: false },
      { text: 'fine', hit: true },
      { text: '!', hit: false },
    ]);
    expect(snippetParts('no marks')).toEqual([{ text: 'no marks', hit: false }]);
    expect(snippetParts([{ text: '…the ', match: false }, { text: 'deploy', match: true }, { text: '', match: false }])).toEqual([
      { text: '…the ', hit: false },
      { text: 'deploy', hit: true },
    ]);
  });
});
