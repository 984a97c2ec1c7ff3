import { readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { load } from 'cheerio';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractMainContent, htmlToText, tokenOverlap } from '../src/content/index.js';
import { convertPage } from '../src/notion-blocks/index.js';
import { fixture } from './support/fixtures.js';
import { outline } from './support/outline.js';

const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('extractMainContent on real site shapes', () => {
  it('MkDocs Material: keeps the article, drops both sidebars, header search, footer and the edit button', () => {
    const page = extractMainContent(
      fixture('mkdocs-material.html'),
      'https://widgets.example.org/guide/configuration/',
    );
    expect(page.title).toBe('Configuration');
    expect(page.source).toEqual({ kind: 'documentation', generator: 'MkDocs Material' });
    expect(page.description).toBe('Configure the widget server for production.');
    expect(page.language).toBe('en');
    const text = textOf(page.contentHtml);
    expect(text).toContain('The server reads its settings from');
    expect(text).toContain('Restart required');
    for (const chrome of ['Skip to content', 'Deployment', 'Table of contents', 'Made with Material', 'Search']) {
      expect(text).not.toContain(chrome);
    }
    expect(page.contentHtml).not.toContain('¶');
    expect(page.contentHtml).not.toContain('<svg');
  });

  it('Docusaurus: picks .theme-doc-markdown, keeps hidden tab panels, removes breadcrumbs, TOC and pagination', () => {
    const page = extractMainContent(fixture('docusaurus.html'), 'https://docs.acme.io/api/authentication');
    expect(page.title).toBe('Authentication');
    expect(page.source).toEqual({ kind: 'documentation', generator: 'Docusaurus' });
    const text = textOf(page.contentHtml);
    expect(text).toContain('import requests'); // inactive tab: hidden attribute, still content
    expect(text).not.toContain('Previous');
    expect(text).not.toContain('Edit this page');
    expect(text).not.toContain('On this page');
    expect(text).not.toContain('Copyright');
    expect(page.contentHtml).not.toContain('Direct link to');
  });

  it('Sphinx (Read the Docs theme): takes the articleBody and trims the " — Project documentation" title suffix', () => {
    const page = extractMainContent(
      fixture('sphinx-rtd.html'),
      'https://requests.readthedocs.io/en/latest/user/quickstart/',
    );
    expect(page.title).toBe('Quickstart');
    expect(page.source.kind).toBe('documentation');
    const text = textOf(page.contentHtml);
    expect(text).toContain('Eager to get started?');
    expect(text).not.toContain('Search docs');
    expect(text).not.toContain('Built with');
    expect(text).not.toContain('Previous');
    // No canonical link: the page URL itself, fragment removed.
    expect(page.canonicalUrl).toBe('https://requests.readthedocs.io/en/latest/user/quickstart/');
  });

  it('GitBook-like: main with its own header kept, sidebar and "was this helpful" removed, og:site_name trimmed', () => {
    const page = extractMainContent(fixture('gitbook.html'), 'https://help.parcel.example/webhooks#top');
    expect(page.title).toBe('Webhooks');
    const text = textOf(page.contentHtml);
    expect(text).toContain('Register an endpoint');
    expect(text).not.toContain('Getting started');
    expect(text).not.toContain('Was this page helpful');
    expect(text).not.toContain('Powered by GitBook');
    expect(page.canonicalUrl).toBe('https://help.parcel.example/webhooks');
  });

  it('WordPress: entry content only; comments, share buttons, widgets, cookie bar and skip link gone', () => {
    const page = extractMainContent(
      fixture('wordpress-post.html'),
      'https://crumb.example.com/2024/03/better-sourdough/?utm_source=x',
    );
    expect(page.title).toBe('10 Tips for Better Sourdough');
    expect(page.language).toBe('en-US');
    expect(page.canonicalUrl).toBe('https://crumb.example.com/2024/03/better-sourdough/');
    const text = textOf(page.contentHtml);
    expect(text).toContain('Feed your starter');
    for (const chrome of [
      'Great post',
      'Share this',
      'Recent Posts',
      'uses cookies',
      'Skip to content',
      'Posted in',
      'Proudly powered',
    ]) {
      expect(text).not.toContain(chrome);
    }
  });

  it('Ghost: .gh-content; the sign-up form, read-more cards and the cookie dialog are not content', () => {
    const page = extractMainContent(fixture('ghost-post.html'), 'https://blog.example.dev/monorepo-turborepo/');
    expect(page.title).toBe('Shipping a monorepo with Turborepo');
    const text = textOf(page.contentHtml);
    expect(text).toContain('twelve packages');
    expect(text).not.toContain('Sign up for more');
    expect(text).not.toContain('Another post');
    expect(text).not.toContain('We use cookies');
  });

  it('Medium: og:title wins over a "| by Author | Medium" document title; the author box is not content', () => {
    const page = extractMainContent(
      fixture('medium-post.html'),
      'https://medium.com/@danalee/why-your-flaky-tests-are-lying-to-you-3f1c2a',
    );
    expect(page.title).toBe('Why Your Flaky Tests Are Lying to You');
    expect(textOf(page.contentHtml)).toContain('bug report');
    expect(textOf(page.contentHtml)).not.toContain('Follow');
  });

  it('knowledge base (Zendesk): German article, sidebar, votes, share links and OneTrust banner removed', () => {
    const page = extractMainContent(
      fixture('zendesk-article.html'),
      'https://hilfe.beispiel.de/hc/de/articles/360001-Passwort-zurucksetzen',
    );
    expect(page.title).toBe('Passwort zurücksetzen');
    expect(page.language).toBe('de');
    const text = textOf(page.contentHtml);
    expect(text).toContain('Passwort vergessen');
    for (const chrome of [
      'Artikel in diesem Abschnitt',
      'War dieser Beitrag hilfreich',
      'Facebook',
      'Cookies',
      'Zum Hauptinhalt',
    ]) {
      expect(text).not.toContain(chrome);
    }
    expect(page.wordCount).toBeGreaterThan(25);
    expect(page.wordCount).toBeLessThan(45);
  });

  it('a blog index with several articles keeps all of them instead of the longest one', () => {
    const page = extractMainContent(fixture('blog-index.html'), 'https://northwind.example/blog');
    const text = textOf(page.contentHtml);
    expect(text).toContain('Release 3.0');
    expect(text).toContain('Hiring: platform engineers');
    expect(text).toContain('Our security review');
    expect(text).not.toContain('© Northwind');
  });

  it('a page wrapped in an ASP.NET <form> keeps its content; the form wrapper is not a widget', () => {
    const page = extractMainContent(fixture('aspnet-webforms.html'), 'https://library.example.gov/hours.aspx');
    expect(page.title).toBe('Opening hours');
    expect(textOf(page.contentHtml)).toContain('Branch libraries close at 17:00');
    expect(page.contentHtml).toContain('<table');
  });
});

describe('extractMainContent rules', () => {
  const wrap = (head: string, body: string): string =>
    `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

  it('removes hidden elements (hidden, aria-hidden, inline display:none and visibility:hidden) but not visible ones', () => {
    const page = extractMainContent(
      wrap(
        '',
        `<main><p>Visible text stays here.</p><p hidden>attr hidden</p><span aria-hidden="true">decorative</span>
         <div style="color: red; display : none !important">inline none</div><div style="visibility:hidden">invisible</div>
         <div style="display:block">shown block</div><span class="sr-only">(opens in a new tab)</span></main>`,
      ),
      'https://example.com/a',
    );
    const text = textOf(page.contentHtml);
    expect(text).toContain('Visible text stays here.');
    expect(text).toContain('shown block');
    for (const hidden of ['attr hidden', 'decorative', 'inline none', 'invisible', 'opens in a new tab'])
      expect(text).not.toContain(hidden);
  });

  it('removes scripts, styles, noscript, iframes and forms that are widgets', () => {
    const page = extractMainContent(
      wrap(
        '<style>p{}</style>',
        `<article><p>Article body with enough words to be the main content of this page for sure.</p>
         <script>var secret = 1;</script><noscript>Enable JS</noscript><iframe src="https://ads.example"></iframe>
         <form class="newsletter"><label>Email</label><input type="email"><button>Subscribe</button></form></article>`,
      ),
      'https://example.com/a',
    );
    expect(page.contentHtml).not.toMatch(/secret|Enable JS|iframe|Subscribe|<form/);
  });

  it('removes consent banners found by id, class or aria-label, but not an article about cookies', () => {
    const article = `<article class="post-cookie-recipes"><h1>Cookie recipes</h1><p>${'Chocolate chip cookies need brown butter and patience. '.repeat(10)}</p></article>`;
    const page = extractMainContent(
      wrap(
        '',
        `${article}<div id="CybotCookiebotDialog"><p>This site uses cookies.</p></div>
         <section role="dialog" aria-label="Privacy settings and cookie consent"><p>Manage choices</p></section>
         <div class="cc-window cc-banner"><span>We use cookies.</span></div>`,
      ),
      'https://bakery.example/cookies',
    );
    const text = textOf(page.contentHtml);
    expect(text).toContain('Chocolate chip cookies need brown butter');
    expect(text).not.toContain('This site uses cookies');
    expect(text).not.toContain('Manage choices');
    expect(text).not.toContain('We use cookies');
  });

  it('drops "skip to content" links by text or class', () => {
    const page = extractMainContent(
      wrap(
        '',
        '<a href="#main">Skip to main content</a><main id="main"><p>Hello there, this is the page.</p><a class="skip-link" href="#x">Jump</a></main>',
      ),
      'https://example.com/',
    );
    expect(textOf(page.contentHtml)).not.toMatch(/Skip to|Jump/);
    expect(textOf(page.contentHtml)).toContain('Hello there');
  });

  it('falls back to body without a container and still removes site header, nav, aside and footer', () => {
    const page = extractMainContent(
      wrap(
        '<title>Plain page</title>',
        `<header><a href="/">Logo</a></header><nav><a href="/x">Menu item</a></nav>
         <h1>Plain page</h1><p>Old-school page content with <b>bold</b> text.</p>
         <aside><p>Sidebar stuff</p></aside><aside class="note"><p>An aside that is a note.</p></aside><footer>Footer text</footer>`,
      ),
      'https://example.com/plain.html',
    );
    const text = textOf(page.contentHtml);
    expect(text).toContain('Old-school page content');
    expect(text).toContain('An aside that is a note.');
    for (const chrome of ['Logo', 'Menu item', 'Sidebar stuff', 'Footer text']) expect(text).not.toContain(chrome);
  });

  it('uses a same-site canonical link (relative, www-insensitive) and ignores one on another site', () => {
    const same = extractMainContent(
      wrap('<link rel="canonical" href="/docs/page?lang=en#x">', '<p>x</p>'),
      'https://www.example.com/docs/page?ref=1',
    );
    expect(same.canonicalUrl).toBe('https://www.example.com/docs/page?lang=en');
    const www = extractMainContent(
      wrap('<link rel="canonical" href="https://example.com/a">', '<p>x</p>'),
      'https://www.example.com/a?x=1',
    );
    expect(www.canonicalUrl).toBe('https://example.com/a');
    const other = extractMainContent(
      wrap('<link rel="canonical" href="https://syndication.example.net/a">', '<p>x</p>'),
      'https://example.com/a#frag',
    );
    expect(other.canonicalUrl).toBe('https://example.com/a');
    const broken = extractMainContent(
      wrap('<link rel="canonical" href="http://[bad">', '<p>x</p>'),
      'https://example.com/b',
    );
    expect(broken.canonicalUrl).toBe('https://example.com/b');
  });

  it('reads language from html lang, else content-language, else og:locale', () => {
    const og = extractMainContent(
      wrap('<meta property="og:locale" content="pt_BR">', '<p>Olá</p>'),
      'https://example.com/',
    );
    expect(og.language).toBe('pt-BR');
    const http = extractMainContent(
      wrap('<meta http-equiv="Content-Language" content="fr, en">', '<p>Salut</p>'),
      'https://example.com/',
    );
    expect(http.language).toBe('fr');
    const none = extractMainContent(wrap('', '<p>Hi</p>'), 'https://example.com/');
    expect(none.language).toBeUndefined();
  });

  it('resolves the base URL from <base href> and drops the fragment', () => {
    const page = extractMainContent(wrap('<base href="/static/v2/">', '<p>x</p>'), 'https://example.com/docs/a#b');
    expect(page.baseUrl).toBe('https://example.com/static/v2/');
    expect(extractMainContent(wrap('', '<p>x</p>'), 'https://example.com/docs/a#b').baseUrl).toBe(
      'https://example.com/docs/a',
    );
  });

  it('title falls back to the first heading, then <title>, then the URL path', () => {
    expect(extractMainContent(wrap('<title>T | Site</title>', '<h1>Heading</h1>'), 'https://s.example/x').title).toBe(
      'Heading',
    );
    expect(extractMainContent(wrap('<title>Only Title | Site</title>', '<p>x</p>'), 'https://s.example/x').title).toBe(
      'Only Title',
    );
    expect(extractMainContent(wrap('', '<p>x</p>'), 'https://s.example/guides/getting-started.html').title).toBe(
      'getting started',
    );
    expect(extractMainContent(wrap('', '<p>x</p>'), 'https://s.example/').title).toBe('s.example');
  });

  it('counts words of the content only, with block boundaries separating words', () => {
    const page = extractMainContent(
      wrap(
        '',
        '<nav>one two three four five</nav><main><h2>Alpha</h2><p>beta gamma</p><ul><li>delta</li><li>epsilon</li></ul></main>',
      ),
      'https://example.com/',
    );
    expect(page.wordCount).toBe(5);
  });

  it('handles an empty document without throwing', () => {
    const page = extractMainContent('', 'https://example.com/empty');
    expect(page.contentHtml).toBe('');
    expect(page.wordCount).toBe(0);
    expect(page.title).toBe('empty');
  });
});

describe('extractMainContent container choice', () => {
  it('drops an unmarked header made of links but keeps an article header holding the h1', () => {
    const html =
      '<html><body><div class="wrap"><header><a href="/">Brand</a> <ul><li><a href="/a">Products</a></li><li><a href="/b">Pricing</a></li></ul></header>' +
      '<div class="body-text"><header><h1>Real title</h1><p>By someone</p></header><p>Body of the page with several words in it.</p></div></div></body></html>';
    const page = extractMainContent(html, 'https://example.com/p');
    const text = textOf(page.contentHtml);
    expect(text).not.toContain('Products');
    expect(text).toContain('Real title');
    expect(text).toContain('By someone');
  });

  it('does not take a tiny generic ".content" box over the real text', () => {
    const html = `<html><body><div class="content">Login</div><div id="main-column"><h1>Doc</h1><p>${'Long body text goes on. '.repeat(30)}</p></div></body></html>`;
    const page = extractMainContent(html, 'https://example.com/p');
    expect(textOf(page.contentHtml)).toContain('Long body text goes on.');
  });

  it('accepts an image-only post body from a generator class', () => {
    const html = `<html><body><nav>${'<a href="/x">menu link</a> '.repeat(40)}</nav><div class="entry-content"><p><img src="/comic.png" alt=""></p></div></body></html>`;
    const page = extractMainContent(html, 'https://comic.example/42');
    expect(page.contentHtml).toContain('comic.png');
    expect(page.contentHtml).not.toContain('menu link');
  });
});

/** Elements that must survive extraction of a documentation page, counted in an HTML string. */
function structure(html: string): { code: number; tables: number; headings: number } {
  const $ = load(html);
  return { code: $('pre').length, tables: $('table').length, headings: $('h2, h3, h4, h5, h6').length };
}

describe('documentation generators: their own container, nothing of the page lost', () => {
  const pages: [file: string, url: string, container: string][] = [
    ['mkdocs-material.html', 'https://widgets.example.org/guide/configuration/', '.md-content'],
    ['docusaurus.html', 'https://docs.acme.io/api/authentication', '.theme-doc-markdown'],
    ['sphinx-rtd.html', 'https://requests.readthedocs.io/en/latest/user/quickstart/', '[itemprop="articleBody"]'],
    ['sphinx-classic.html', 'https://docs.widgets.example/2.4/library/queue_tools.html', 'div.body[role="main"]'],
  ];

  it.each(pages)('%s keeps every code block, table and heading of its article', (file, url, container) => {
    const html = fixture(file);
    const page = extractMainContent(html, url);
    expect(page.source.kind).toBe('documentation');
    const inSource = structure(load(html)(container).html() ?? '');
    expect(inSource.code + inSource.tables + inSource.headings).toBeGreaterThan(0);
    expect(structure(page.contentHtml)).toEqual(inSource);
  });

  it('Sphinx classic theme (python.org docs): code languages, the table, the link-only topic list, no sidebar or ¶', () => {
    const { page, blocks } = convertPage(
      fixture('sphinx-classic.html'),
      'https://docs.widgets.example/2.4/library/queue_tools.html',
    );
    expect(page.source).toEqual({ kind: 'documentation', generator: 'Sphinx (classic, Alabaster, python.org docs)' });
    expect(page.title).toBe('queue_tools — Job queues');
    const lines = outline(blocks);
    expect(lines).toContain(
      'code(python): from queue_tools import Queue\nq = Queue("jobs.db")\nq.put({"task": "resize"})',
    );
    expect(lines).toContain('code(shell): $ python -m queue_tools stats jobs.db');
    expect(lines).toContain('table(2, header)');
    expect(lines).toContain('heading_3: Shell usage');
    // A section whose id reads like chrome ("sharing"), an author's sidebar and a footnote are content.
    expect(lines).toContain('heading_2: Sharing state between workers');
    expect(lines).toContain('code(python): job = q.get()');
    for (const content of ['A queue file is locked while a worker holds it.', 'locking depends on the server']) {
      expect(lines.some((l) => l.includes(content))).toBe(true);
    }
    // A list made only of links, which link-density rules of general extractors take for navigation.
    expect(lines).toEqual(expect.arrayContaining(['bulleted_list_item: Basics', 'bulleted_list_item: Retries']));
    const text = lines.join('\n');
    for (const chrome of ['Quick search', 'Next topic', 'Table of Contents', 'Copyright', 'Navigation', '¶']) {
      expect(text).not.toContain(chrome);
    }
  });

  it('Sphinx page with a contents list: headings whose text docutils wraps in a.toc-backref keep it', () => {
    const html =
      '<html><head><title>Design and History FAQ — Python 3.11.2 documentation</title></head><body>' +
      '<div class="document"><div class="body" role="main"><section id="design-and-history-faq">' +
      '<h1><a class="toc-backref" href="#id2" role="doc-backlink">Design and History FAQ</a>' +
      '<a class="headerlink" href="#design-and-history-faq" title="Permalink to this heading">¶</a></h1>' +
      '<nav class="contents" id="contents"><p class="topic-title">Contents</p><ul>' +
      '<li><a class="reference internal" href="#why-indentation" id="id3">Why indentation?</a></li></ul></nav>' +
      '<section id="why-indentation"><h2><a class="toc-backref" href="#id3" role="doc-backlink">Why indentation?</a>' +
      '<a class="headerlink" href="#why-indentation" title="Permalink to this heading">¶</a></h2>' +
      '<p>Guido van Rossum believes that using indentation for grouping is extremely elegant.</p></section>' +
      '</section></div></div><div class="sphinxsidebar" role="navigation"><h3>Table of Contents</h3></div></body></html>';
    const { page, blocks } = convertPage(html, 'https://docs.python.org/3.11/faq/design.html');
    expect(page.title).toBe('Design and History FAQ');
    expect(outline(blocks)).toEqual([
      'heading_2: Why indentation?',
      'paragraph: Guido van Rossum believes that using indentation for grouping is extremely elegant.',
    ]);
  });

  it('keeps the inactive tabs of a Docusaurus page, which Readability alone would drop as hidden', () => {
    const html = fixture('docusaurus.html');
    const page = extractMainContent(html, 'https://docs.acme.io/api/authentication');
    expect(htmlToText(page.contentHtml)).toContain('import requests');
    const { document } = parseHTML(html) as unknown as { document: ConstructorParameters<typeof Readability>[0] };
    expect(htmlToText(new Readability(document).parse()?.content ?? '')).not.toContain('import requests');
  });

  it('does not take a generator container that appears several times apart (a listing), nor an empty one', () => {
    const listing =
      '<html><body><article class="markdown-body"><p>First readme.</p></article><article class="markdown-body"><p>Second readme.</p></article></body></html>';
    expect(extractMainContent(listing, 'https://example.com/').source.kind).not.toBe('documentation');
    const empty =
      '<html><body><div class="theme-doc-markdown"></div><main><p>Rendered elsewhere.</p></main></body></html>';
    const page = extractMainContent(empty, 'https://example.com/');
    expect(page.source.kind).toBe('page');
    expect(page.contentHtml).toContain('Rendered elsewhere.');
  });
});

describe('articles: Mozilla Readability, scored like the bench scores it', () => {
  const articles = ['harbour-news', 'wanderblog', 'dev-notes'];
  const read = (name: string, file: string): string =>
    readFileSync(new URL(`./fixtures/articles/${name}/${file}`, import.meta.url), 'utf8');

  it.each(articles)('%s: token F1 against the expected content is at least 0.95', (name) => {
    const page = extractMainContent(read(name, 'source.html'), `https://example.org/${name}`);
    expect(page.source).toEqual({ kind: 'readability' });
    const score = tokenOverlap(htmlToText(page.contentHtml), htmlToText(read(name, 'expected.html')));
    expect(score.recall).toBe(1);
    expect(score.f1).toBeGreaterThanOrEqual(0.95);
  });

  it('news article: no navigation, sidebar, comments, share links, cookie banner or footer', () => {
    const page = extractMainContent(read('harbour-news', 'source.html'), 'https://gazette.example/ferry');
    expect(page.title).toBe('Harbour ferry returns after two-year repair');
    expect(page.language).toBe('en');
    const text = htmlToText(page.contentHtml);
    for (const chrome of [
      'Most read',
      'Subscribe',
      'harbourwatcher',
      'Share on Facebook',
      'We use cookies',
      'All rights',
    ]) {
      expect(text).not.toContain(chrome);
    }
    expect(page.contentHtml).toContain('<figcaption>');
  });

  it('blog post: code blocks keep their language, headings stay, screen-reader-only text goes', () => {
    const { page, blocks } = convertPage(read('dev-notes', 'source.html'), 'https://dev-notes.example/retries');
    const lines = outline(blocks);
    expect(lines.filter((l) => l.startsWith('code(typescript): export async function withRetries'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('code(bash): curl -i'))).toHaveLength(1);
    expect(lines).toEqual(expect.arrayContaining(['heading_2: The helper', 'heading_2: Honouring Retry-After']));
    const german = extractMainContent(read('wanderblog', 'source.html'), 'https://wander.example/rennsteig');
    expect(german.contentHtml).toContain('<table');
    expect(htmlToText(german.contentHtml)).not.toContain('Beitragsnavigation');
    expect(page.wordCount).toBeGreaterThan(250);
  });
});

describe('parsing', () => {
  it('reads a page that leaves out <html>, <head> and <body> (valid HTML) like a browser', () => {
    const page = extractMainContent(
      '<!doctype html><title>Bare page</title><meta name="description" content="No body tag."><p>Only a paragraph.</p>',
      'https://example.com/bare',
    );
    expect(page.title).toBe('Bare page');
    expect(page.description).toBe('No body tag.');
    expect(htmlToText(page.contentHtml)).toBe('Only a paragraph.');
  });

  it('keeps content that sits outside <body> in the source', () => {
    const page = extractMainContent(
      '<html><head><title>T</title></head><body><p>Inside.</p></body><p>After the body.</p></html>',
      'https://example.com/',
    );
    expect(htmlToText(page.contentHtml)).toContain('After the body.');
  });

  it('text of HTML separates blocks and ignores scripts', () => {
    expect(htmlToText('<h1>Title</h1><p>Body<br>line</p><script>x()</script><ul><li>a</li><li>b</li></ul>')).toBe(
      'Title Body line a b',
    );
  });
});
