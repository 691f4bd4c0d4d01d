import { describe, expect, it } from 'vitest';
import { previewText } from './preview';

const preview = (content: string) => previewText({ content, deleted: false });

describe('previewText', () => {
  it('drops markdown marks but keeps the words', () => {
    expect(preview('**bold** _it_ ~~gone~~ `code` *em*')).toBe('bold it gone code em');
    expect(preview('> quoted\n# Title\nnext')).toBe('quoted Title next');
    expect(preview('see [the docs](https://x.example)')).toBe('see the docs');
    expect(preview('```\nlet x = 1\n```\nafter')).toBe('[code] after');
  });

  it('leaves underscores inside words alone, and reads stars as the conversation does', () => {
    expect(preview('ping @bob_smith_2 about snake_case and 2*3*4')).toBe('ping @bob_smith_2 about snake_case and 234');
    expect(preview('2 \\* 3 \\* 4 and \\*not em\\*')).toBe('2 * 3 * 4 and *not em*');
  });

  it('keeps a link whose address has parentheses whole, with no stray bracket', () => {
    expect(preview('read [Pi](https://en.wikipedia.org/wiki/Pi_(letter)) today')).toBe('read Pi today');
    expect(preview('see https://en.wikipedia.org/wiki/Pi_(letter) today')).toBe('see https://en.wikipedia.org/wiki/Pi_(letter) today');
    expect(preview('![a cat](https://x.example/c(1).png) and more')).toBe('a cat and more');
  });

  it('shows raw HTML, entities and lists as the text they are', () => {
    expect(preview('Tom & Jerry <b>not bold</b> &amp; more')).toBe('Tom & Jerry <b>not bold</b> & more');
    expect(preview('Plan:\n- one\n- **two**\n\n1. three')).toBe('Plan: one two three');
    expect(preview('a `x < y` b')).toBe('a x < y b');
  });

  it('says when a message was deleted', () => {
    expect(previewText({ content: '', deleted: true })).toBe('Message deleted');
  });

  it('sums up a message of files only by its files', () => {
    const photo = { id: 'f', name: 'cat.png', size: 2, contentType: 'image/png', kind: 'image' as const, url: '/api/files/f/content' };
    expect(previewText({ content: '', deleted: false, attachments: [photo] })).toBe('Photo');
    expect(previewText({ content: 'look', deleted: false, attachments: [photo] })).toBe('look');
    expect(previewText({ content: '', deleted: true, attachments: [photo] })).toBe('Message deleted');
  });
});
