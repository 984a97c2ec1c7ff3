import { describe, expect, it } from 'vitest';
import { htmlToText, linkAnnotation, trimReply } from '../src/mail/index.js';

describe('htmlToText', () => {
  it('turns block elements into lines and paragraphs and collapses source whitespace', () => {
    const html = `<div>Hello   <b>Anna</b>,</div>
      <p>First
         paragraph.</p><p>Second<br>line two</p>`;
    expect(htmlToText(html)).toBe('Hello Anna,\n\nFirst paragraph.\n\nSecond\nline two');
  });

  it('numbers ordered lists from their start attribute and bullets unordered ones', () => {
    expect(htmlToText('<ol start="3"><li>three</li><li>four</li></ol><ul><li>apple</li></ul>')).toBe(
      '3. three\n4. four\n\n- apple',
    );
  });

  it('puts table rows on lines with cells side by side', () => {
    expect(htmlToText('<table><tr><th>Item</th><th>Price</th></tr><tr><td>Book</td><td>12 EUR</td></tr></table>')).toBe(
      'Item Price\nBook 12 EUR',
    );
  });

  it('prefixes blockquote content with ">" so reply trimming can remove it', () => {
    const text = htmlToText(
      '<p>Sounds good.</p><div>On Mon, 2 Dec 2024 at 10:12, Sam wrote:</div><blockquote><p>Old text</p><p>More old</p></blockquote>',
    );
    expect(text).toBe('Sounds good.\n\nOn Mon, 2 Dec 2024 at 10:12, Sam wrote:\n\n> Old text\n>\n> More old');
    expect(trimReply(text)).toBe('Sounds good.');
  });

  it('drops scripts, styles, the head, comments and hidden preheaders', () => {
    const html =
      '<html><head><title>T</title><style>p{}</style></head><body><!-- c --><span style="display: none">pre</span>' +
      '<div hidden>gone</div><p>Visible</p><script>x()</script><noscript>n</noscript></body></html>';
    expect(htmlToText(html)).toBe('Visible');
  });

  it('keeps preformatted text lines', () => {
    expect(htmlToText('<pre>line 1\n  indented\nline 3</pre>')).toBe('line 1\n  indented\nline 3');
  });

  it('survives hostile nesting depth', () => {
    const depth = 3_000; // far beyond the walker's depth limit
    const text = htmlToText(`${'<div>'.repeat(depth)}deep text${'</div>'.repeat(depth)}<p>after</p>`);
    expect(text).toContain('deep text');
    expect(text).toContain('after');
  });

  it('removes zero-width padding and non-breaking spaces', () => {
    expect(htmlToText('<p>Sale\u200b\u034f&nbsp;ends&nbsp;today</p>')).toBe('Sale ends today');
  });
});

describe('linkAnnotation', () => {
  it('adds a URL only when the link text does not already show it', () => {
    expect(linkAnnotation('https://example.com/report', 'the report')).toBe('https://example.com/report');
    expect(linkAnnotation('https://example.com/', 'example.com')).toBeNull();
    expect(linkAnnotation('https://www.example.com/a', 'https://example.com/a')).toBeNull();
  });

  it('skips image-only links, javascript: and anchors, and long tracking URLs', () => {
    expect(linkAnnotation('https://example.com', '')).toBeNull();
    expect(linkAnnotation('javascript:void(0)', 'Click')).toBeNull();
    expect(linkAnnotation('#top', 'Back to top')).toBeNull();
    expect(linkAnnotation(`https://t.example.com/c?u=${'x'.repeat(300)}`, 'Read more')).toBeNull();
  });

  it('shows the address of a mailto link with other text', () => {
    expect(linkAnnotation('mailto:help@example.com?subject=Hi', 'Write to us')).toBe('help@example.com');
    expect(linkAnnotation('mailto:help@example.com', 'help@example.com')).toBeNull();
  });
});
