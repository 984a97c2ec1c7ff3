import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sitePages, type SitePage } from './site-pages.js';

export interface SampleSite {
  url: string;
  /** Paths a crawler should write (HTML pages robots.txt allows). */
  crawlablePaths: string[];
  /** Switch the served content (0 = original; 1+ changes one page). */
  setRevision(revision: number): void;
  /** How many requests each path received. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

function layout(page: SitePage): string {
  const seeAlso = page.links.length
    ? `<h2>See also</h2><ul>${page.links.map((l) => `<li><a href="${l}">${l}</a></li>`).join('')}</ul>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page.title} | Acme Docs</title>
<link rel="canonical" href="${page.path}"><meta name="description" content="${page.title} in the Acme documentation"></head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies. <button>Accept</button></div>
<header class="site-header"><nav><a href="/">Home</a> <a href="/docs/installation">Docs</a> <a href="/blog/long-essay">Blog</a></nav></header>
<aside class="sidebar"><ul><li><a href="/docs/errors">Errors</a></li></ul></aside>
<main><article>${page.body}${seeAlso}</article></main>
<footer class="site-footer">© Acme Inc. <a href="/legal">Legal</a></footer>
</body></html>`;
}

/** Serves the sample documentation site on loopback. */
export async function startSampleSite(options: { port?: number; extraPages?: number } = {}): Promise<SampleSite> {
  const extraPages = Math.max(0, Math.floor(options.extraPages ?? 0));
  let revision = 0;
  const hits = new Map<string, number>();
  // Built once per revision: a site of thousands of pages would otherwise be generated again for every request.
  let built: { revision: number; pages: SitePage[]; byPath: Map<string, SitePage> } | undefined;
  const pagesNow = (): NonNullable<typeof built> => {
    if (built?.revision !== revision) {
      const pages = sitePages(revision, extraPages);
      built = { revision, pages, byPath: new Map(pages.map((p) => [p.path, p])) };
    }
    return built;
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const base = `http://${req.headers.host ?? 'localhost'}`;
    if (path === '/robots.txt') {
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(`User-agent: *\nDisallow: /private/\nSitemap: ${base}/sitemap.xml\n`);
      return;
    }
    if (path === '/sitemap.xml') {
      const urls = pagesNow()
        .pages.map((p) => `<url><loc>${base}${p.path}</loc></url>`)
        .join('');
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`,
        );
      return;
    }
    if (path === '/files/guide.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4\n%sample\n');
      return;
    }
    const page = pagesNow().byPath.get(path);
    if (!page) {
      res
        .writeHead(404, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Not found</title><h1>Not found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(layout(page));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    crawlablePaths: sitePages(0, extraPages)
      .filter((p) => !p.path.startsWith('/private/'))
      .map((p) => p.path),
    setRevision: (r) => {
      revision = r;
    },
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
