import { describe, expect, it } from 'vitest';
import { parseGmailMessage } from '../src/mail/index.js';
import {
  buildDeterministicDigest,
  escapeHtml,
  escapeMarkdown,
  renderDigestHtml,
  renderDigestMarkdown,
} from '../src/digest/index.js';
import { allFixtures, NOW, securityAlert, TIME_ZONE, USER } from './fixtures/gmail-messages.js';
import { parsedMail } from './fixtures/parsed-mails.js';

const options = { now: NOW, timeZone: TIME_ZONE, userAddresses: [USER] };

const hostile = parsedMail({
  subject: '<img src=x onerror=alert(1)> [click](javascript:alert(1)) **now**',
  from: { name: 'Eve "the admin" <script>', address: 'eve@evil.example' },
  body: 'Could you open <this> & confirm by Friday?',
  attachments: [{ filename: '<b>payload</b>.exe', mimeType: 'application/octet-stream', size: 10, inline: false }],
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });
});

describe('escapeMarkdown', () => {
  it('neutralises links, emphasis, HTML and list markers and folds newlines', () => {
    expect(escapeMarkdown('[x](javascript:y) **b** <i>\n# h')).toBe(
      '\\[x\\]\\(javascript:y\\) \\*\\*b\\*\\* \\<i\\> \\# h',
    );
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
  });
});

describe('renderDigestHtml', () => {
  const digest = buildDeterministicDigest([...allFixtures.map(parseGmailMessage), hostile], options);
  const html = renderDigestHtml(digest);

  it('is a complete, self-contained document', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Gmail digest for Wednesday, 4 December 2024</title>');
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/<link\b|<script\b|src="http/);
  });

  it('says the deterministic method wrote it', () => {
    expect(html).toContain('data-generated-by="deterministic"');
    expect(html).toContain('Written by the deterministic method');
    expect(html).not.toContain('Written by Claude');
  });

  it('escapes every value taken from mail', () => {
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>payload</b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('title="Eve &quot;the admin&quot; &lt;script&gt; &lt;eve@evil.example&gt;"');
    expect(html).toContain('&lt;b&gt;payload&lt;/b&gt;.exe');
  });

  it("shows times in the user's time zone and the action items with due dates", () => {
    const alert = parseGmailMessage(securityAlert); // 03:00 UTC
    const single = renderDigestHtml(buildDeterministicDigest([alert], options));
    expect(single).toContain('04:00');
    expect(html).toContain('due Friday, 6 December 2024');
  });

  it('shows the fallback note', () => {
    const withNote = renderDigestHtml(
      buildDeterministicDigest([], { ...options, fallbackReason: 'the Anthropic API answered 529 <overloaded>' }),
    );
    expect(withNote).toContain(
      '<p class="note" role="note">Claude was not used: the Anthropic API answered 529 &lt;overloaded&gt;</p>',
    );
    expect(withNote).toContain('No new mail in this period.');
  });
});

describe('renderDigestMarkdown', () => {
  const digest = buildDeterministicDigest([...allFixtures.map(parseGmailMessage), hostile], options);
  const markdown = renderDigestMarkdown(digest);

  it('labels the author, lists sections with counts and task-list action items', () => {
    expect(markdown.split('\n')[0]).toBe('# Gmail digest for Wednesday, 4 December 2024');
    expect(markdown).toContain('*Written by the deterministic method: fixed rules and extractive summaries, no LLM.*');
    expect(markdown).toMatch(/^## Needs attention today \(\d+\)$/m);
    expect(markdown).toMatch(/^## Newsletters \(1\)$/m);
    expect(markdown).toContain(
      '  - [ ] Could you open \\<this\\> \\& confirm by Friday? (due Friday, 6 December 2024)',
    );
  });

  it('cannot be turned into links or HTML by a subject', () => {
    expect(markdown).not.toContain('[click](javascript:');
    // No unescaped "<" anywhere: mail text cannot open an HTML tag in the rendered Markdown.
    expect(markdown).not.toMatch(/(^|[^\\])</m);
    expect(markdown).toContain('\\[click\\]\\(javascript:alert\\(1\\)\\)');
  });

  it('links each thread to Gmail', () => {
    expect(markdown).toContain('(https://mail.google.com/mail/u/0/#all/193a2500000000f8)');
  });

  it('shows the note and the empty state', () => {
    const empty = renderDigestMarkdown(buildDeterministicDigest([], { ...options, fallbackReason: 'no API key' }));
    expect(empty).toContain('> Claude was not used: no API key');
    expect(empty).toContain('No new mail in this period.');
  });
});
