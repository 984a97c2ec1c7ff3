import { describe, expect, it } from 'vitest';
import { convertPage, findLimitViolations, planPageWrite } from '../src/notion-blocks/index.js';
import { executePlan, FakeNotion } from './support/fake-notion.js';
import { fixture } from './support/fixtures.js';
import { outline } from './support/outline.js';

const FIXTURES: Record<string, string> = {
  'mkdocs-material.html': 'https://widgets.example.org/guide/configuration/',
  'docusaurus.html': 'https://docs.acme.io/api/authentication',
  'sphinx-rtd.html': 'https://requests.readthedocs.io/en/latest/user/quickstart/',
  'gitbook.html': 'https://help.parcel.example/webhooks',
  'wordpress-post.html': 'https://crumb.example.com/2024/03/better-sourdough/',
  'ghost-post.html': 'https://blog.example.dev/monorepo-turborepo/',
  'medium-post.html': 'https://medium.com/@danalee/why-your-flaky-tests-are-lying-to-you-3f1c2a',
  'zendesk-article.html': 'https://hilfe.beispiel.de/hc/de/articles/360001-Passwort-zurucksetzen',
  'blog-index.html': 'https://northwind.example/blog',
  'aspnet-webforms.html': 'https://library.example.gov/hours.aspx',
};

describe('convertPage', () => {
  it.each(Object.entries(FIXTURES))('%s: blocks within limits that a write plan reproduces', (name, url) => {
    const result = convertPage(fixture(name), url);
    expect(result.blocks.length).toBeGreaterThan(0);
    expect(findLimitViolations(result.blocks)).toEqual([]);
    expect(result.warnings).toEqual([]);
    const notion = new FakeNotion();
    executePlan(planPageWrite(result.blocks), notion);
    expect(notion.tree()).toEqual(result.blocks);
  });

  it('MkDocs page converts to the expected outline, without the title heading', () => {
    const { blocks } = convertPage(fixture('mkdocs-material.html'), FIXTURES['mkdocs-material.html']!);
    expect(outline(blocks)).toEqual([
      'paragraph: The server reads its settings from widgets.yml at start-up. Every key can be overridden by an environment variable prefixed with WIDGETS_.',
      'callout(⚠️): Restart required\nChanges to the settings file take effect after a restart.',
      'heading_2: Settings file',
      'code(yaml): server:\n  port: 8080\n  workers: 4',
      'heading_3: Checklist',
      'to_do[x]: Set the port',
      'to_do[ ]: Tune the workers',
      'toggle: Where is the file looked up?',
      '  paragraph: In the working directory, then in /etc/widgets.',
      'table(3, header)',
      '  | Key | Default | Description |',
      '  | port | 8080 | TCP port to listen on |',
      '  | workers | 4 | Worker processes |',
      'image: https://widgets.example.org/img/architecture.png | Architecture diagram',
    ]);
  });

  it('WordPress post: lazy image with caption, nested list, emoji kept, relative links absolute', () => {
    const { blocks } = convertPage(fixture('wordpress-post.html'), FIXTURES['wordpress-post.html']!);
    const lines = outline(blocks);
    expect(lines).toContain(
      'image: https://crumb.example.com/wp-content/uploads/2024/03/starter-1024x683.jpg | Ready when it doubles.',
    );
    expect(lines).toContain('  bulleted_list_item: four sets');
    expect(lines.find((l) => l.startsWith('paragraph: Good bread takes time'))).toMatch(/the most 🍞\.$/);
    expect(lines).toContain(
      'paragraph: Feed it twice a day at room temperature.\nUse equal weights of flour and water.',
    );
  });

  it('maps links to crawled pages through resolveLink', () => {
    const notionUrl = 'https://www.notion.so/Starter-basics-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const { blocks } = convertPage(fixture('wordpress-post.html'), FIXTURES['wordpress-post.html']!, {
      resolveLink: (url) => (url === 'https://crumb.example.com/2024/01/starter-basics/' ? notionUrl : undefined),
    });
    expect(JSON.stringify(blocks)).toContain(notionUrl);
    expect(JSON.stringify(blocks)).toContain('https://twitter.com/intent/tweet?text=Sourdough');
  });

  it('keeps a first heading that differs from the title, and can keep the title heading on request', () => {
    const html =
      '<html><head><title>Guide</title></head><body><main><h1>Guide</h1><p>Body text.</p></main></body></html>';
    expect(outline(convertPage(html, 'https://x.example/g').blocks)).toEqual(['paragraph: Body text.']);
    expect(outline(convertPage(html, 'https://x.example/g', { dropTitleHeading: false }).blocks)).toEqual([
      'heading_1: Guide',
      'paragraph: Body text.',
    ]);
    const other =
      '<html><head><meta property="og:title" content="Guide"></head><body><main><h1>Chapter 1</h1><p>x</p></main></body></html>';
    expect(outline(convertPage(other, 'https://x.example/g').blocks)[0]).toBe('heading_1: Chapter 1');
  });

  it('gives the same hash when only chrome changes (nav, ads, cookie banner, scripts) and a new one when content changes', () => {
    const page = (body: string, chrome: string): string =>
      `<html><head><title>Post</title><script>var nonce="${chrome}"</script></head><body><nav><a href="/${chrome}">${chrome}</a></nav>` +
      `<div id="cookie-notice">Cookies ${chrome}</div><article><h1>Post</h1>${body}</article><aside class="ads">${chrome}</aside></body></html>`;
    const body = '<p>Some <b>text</b>.</p><ul><li>a<ul><li>b</li></ul></li></ul>';
    const first = convertPage(page(body, 'one'), 'https://x.example/post').contentHash;
    expect(convertPage(page(body, 'two'), 'https://x.example/post').contentHash).toBe(first);
    expect(convertPage(page(body.replace('text', 'texts'), 'one'), 'https://x.example/post').contentHash).not.toBe(
      first,
    );
  });

  it('handles a long generated docs page end to end: 4-level lists, >100 top-level blocks, a 150-row table, long code', () => {
    const item = (label: string, depth: number): string =>
      depth === 4
        ? `<li>${label}</li>`
        : `<li>${label}<ul>${[0, 1].map((k) => item(`${label}.${k}`, depth + 1)).join('')}</ul></li>`;
    const sections = Array.from(
      { length: 40 },
      (_, i) =>
        `<h2>Part ${i}</h2><p>Paragraph ${i} with a <a href="/p/${i}">link</a>.</p><ul>${item(`n${i}`, 1)}</ul>`,
    ).join('');
    const rows = Array.from({ length: 150 }, (_, i) => `<tr><td>${i}</td><td>value ${i}</td></tr>`).join('');
    const code = Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i}); // keep going`).join('\n');
    const html = `<html><body><main>${sections}<table><thead><tr><th>#</th><th>Value</th></tr></thead><tbody>${rows}</tbody></table><pre><code class="language-ts">${code}</code></pre></main></body></html>`;
    const result = convertPage(html, 'https://docs.example.com/long');
    expect(findLimitViolations(result.blocks)).toEqual([]);
    expect(result.blocks.filter((b) => b.type === 'table')).toHaveLength(2);
    expect(result.blocks.filter((b) => b.type === 'code').length).toBeGreaterThanOrEqual(1);
    const notion = new FakeNotion();
    const plan = planPageWrite(result.blocks);
    executePlan(plan, notion);
    expect(notion.tree()).toEqual(result.blocks);
    expect(plan.appends.length).toBeGreaterThan(5);
  });
});
