import { describe, expect, it } from 'vitest';
import { escapeHtml, isEmojiOnly, markdownToHtml } from './markdownHtml';

describe('markdownToHtml', () => {
  it('renders the chat subset of markdown', () => {
    const html = markdownToHtml('**bold** _it_ ~~gone~~ `code`\n\n- a\n- b\n\n> quote\n\n```\nx < y\n```');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>a</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('x &lt; y');
  });

  it('never passes raw HTML through, block or inline', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <b>x</b>');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('turns images into links, so nothing loads from other hosts', () => {
    const html = markdownToHtml('![cat](https://evil.example/cat.png)');
    expect(html).toContain('<a href="https://evil.example/cat.png">cat</a>');
    expect(html).not.toContain('<img');
  });

  it('links bare URLs and keeps line breaks', () => {
    expect(markdownToHtml('see https://example.com/a')).toContain('<a href="https://example.com/a">');
    expect(markdownToHtml('one\ntwo')).toContain('one<br>two');
  });

  it('renders headings as bold lines', () => {
    expect(markdownToHtml('# Title')).toBe('<p><strong>Title</strong></p>\n');
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('isEmojiOnly', () => {
  it('is true for up to three emoji and nothing else', () => {
    expect(isEmojiOnly('🎉')).toBe(true);
    expect(isEmojiOnly('👍🏽 ❤️')).toBe(true);
    expect(isEmojiOnly('🎉🎉🎉🎉')).toBe(false);
    expect(isEmojiOnly('ok 🎉')).toBe(false);
    expect(isEmojiOnly('123')).toBe(false);
  });
});
