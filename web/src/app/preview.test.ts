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

  it('leaves underscores and stars inside words alone', () => {
    expect(preview('ping @bob_smith_2 about snake_case and 2*3*4')).toBe('ping @bob_smith_2 about snake_case and 2*3*4');
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
