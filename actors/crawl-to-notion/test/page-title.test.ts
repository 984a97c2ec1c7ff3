import { describe, expect, it } from 'vitest';
import { cleanTitle, pickTitle } from '../src/content/index.js';

const at = (pageUrl: string, extra: { heading?: string; siteNames?: string[] } = {}) => ({
  pageUrl,
  siteNames: extra.siteNames ?? [],
  heading: extra.heading,
});

describe('cleanTitle', () => {
  it.each([
    ['Install | Acme Docs', at('https://acme.dev/install'), 'Install'],
    ['Acme Docs | Install', at('https://acme.dev/install'), 'Install'],
    ['Getting started — Requests 2.31.0 documentation', at('https://requests.readthedocs.io/x'), 'Getting started'],
    [
      '10 Tips for Better Sourdough – The Crumb Blog',
      at('https://crumb.example.com/x', { siteNames: ['The Crumb Blog'] }),
      '10 Tips for Better Sourdough',
    ],
    ['Configuration - Widgets', at('https://widgets.example.org/x', { heading: 'Configuration' }), 'Configuration'],
    // " - " also occurs inside real titles, so without any hint it is left alone.
    ['How I learned Rust - Part 2', at('https://someblog.example/x'), 'How I learned Rust - Part 2'],
    ['How I learned Rust - Part 2 | Someblog', at('https://someblog.example/x'), 'How I learned Rust - Part 2'],
    // The heading picks the right run of parts, even when it contains a separator itself.
    ['Docs » API - Reference » Acme', at('https://acme.dev/x', { heading: 'API - Reference' }), 'API - Reference'],
    [
      'Why Your Flaky Tests Are Lying to You | by Dana Lee | Medium',
      at('https://medium.com/x', { siteNames: ['Medium'] }),
      'Why Your Flaky Tests Are Lying to You | by Dana Lee',
    ],
    ['Plain title', at('https://x.example/'), 'Plain title'],
    ['  Spaces\n   everywhere  ', at('https://x.example/'), 'Spaces everywhere'],
  ])('%s -> %s', (raw, sources, expected) => {
    expect(cleanTitle(raw, sources)).toBe(expected);
  });

  it('does not strip a leading part that only contains the host name loosely ("Python tutorial" on python.org)', () => {
    expect(cleanTitle('Python tutorial | Learn fast', at('https://www.python.org/x'))).toBe('Python tutorial');
  });
});

describe('pickTitle', () => {
  it('prefers og:title (cleaned), then heading, then document title', () => {
    const base = { pageUrl: 'https://acme.dev/a', siteNames: ['Acme'] };
    expect(pickTitle({ ...base, ogTitle: 'OG | Acme', heading: 'H1', documentTitle: 'Doc | Acme' })).toBe('OG');
    expect(pickTitle({ ...base, ogTitle: '   ', heading: ' H1\n text ', documentTitle: 'Doc | Acme' })).toBe('H1 text');
    expect(pickTitle({ ...base, documentTitle: 'Doc | Acme' })).toBe('Doc');
  });

  it('derives a title from the URL when the page has none', () => {
    expect(pickTitle({ pageUrl: 'https://acme.dev/blog/hello_world%20again/', siteNames: [] })).toBe(
      'hello world again',
    );
  });
});
