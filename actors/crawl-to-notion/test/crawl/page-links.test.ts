import { describe, expect, it } from 'vitest';
import { linksOf } from '../../src/crawl/site-crawler.js';

describe('linksOf', () => {
  it('gives every http(s) link of a page, absolute, against the page URL or its <base>', () => {
    const html = `<html><head><title>T</title></head><body>
      <a href="/docs/a">A</a> <a href="b?x=1#top">B</a> <a href="https://other.example/c">C</a>
      <a href="mailto:team@example.com">Mail</a> <a href="javascript:void(0)">JS</a> <a href="  ">Blank</a> <a>None</a>
    </body></html>`;
    expect(linksOf(html, 'https://s.example/guide/intro')).toEqual([
      'https://s.example/docs/a',
      'https://s.example/guide/b?x=1#top',
      'https://other.example/c',
    ]);
    const based = '<html><head><base href="https://s.example/v2/"></head><body><a href="page">P</a></body></html>';
    expect(linksOf(based, 'https://s.example/guide/intro')).toEqual(['https://s.example/v2/page']);
  });
});
