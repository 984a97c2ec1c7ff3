/** One page of the sample site: its path, title and main-content HTML. */
export interface SitePage {
  path: string;
  title: string;
  body: string;
  /** Pages the page links to (rendered in a "See also" list inside the content). */
  links: string[];
}

const TOPICS = [
  'Installation',
  'Configuration',
  'Authentication',
  'Connected accounts',
  'Rate limits',
  'Webhooks',
  'Pagination',
  'Errors',
  'Testing',
  'Deployment',
  'Monitoring',
  'Security',
  'Storage',
  'Scheduling',
  'Proxies',
  'Datasets',
  'Key-value stores',
  'Request queues',
  'Migrations',
  'Pricing',
];

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function sentence(topic: string, n: number): string {
  const verbs = ['explains', 'covers', 'walks through', 'summarises', 'details'];
  return `This section ${verbs[n % verbs.length]} how ${topic.toLowerCase()} works in practice, step ${n + 1}.`;
}

function guidePage(topic: string, index: number, revision: number): SitePage {
  const s = slug(topic);
  const paragraphs = Array.from(
    { length: 3 },
    (_, i) =>
      `<p>${sentence(topic, i)} See <a href="/docs/${slug(TOPICS[(index + i + 1) % TOPICS.length]!)}">${TOPICS[(index + i + 1) % TOPICS.length]}</a> for more, and <strong>read carefully</strong> the <em>notes</em> below.</p>`,
  ).join('\n');
  const changed =
    revision > 0 && index === 2
      ? `<p>Updated in revision ${revision}: the recommended timeout is now ${30 + revision} seconds.</p>`
      : '';
  return {
    path: `/docs/${s}`,
    title: topic,
    body: `<h1>${topic}</h1>
${paragraphs}
${changed}
<h2>Example</h2>
<pre><code class="language-typescript">const ${s.replace(/-/g, '_')} = await client.${s.replace(/-/g, '')}({ retries: 3 });
console.log(${s.replace(/-/g, '_')});</code></pre>
<h2>Checklist</h2>
<ul>
  <li>Read the overview
    <ul><li>Check the <code>prerequisites</code>
      <ul><li>Node 20 or newer</li></ul>
    </li></ul>
  </li>
  <li>Try the example</li>
</ul>
<table><thead><tr><th>Option</th><th>Default</th></tr></thead>
<tbody><tr><td>timeout</td><td>30 s</td></tr><tr><td>retries</td><td>3</td></tr></tbody></table>
<blockquote>Tip: ${topic} settings are per environment.</blockquote>`,
    links: [`/docs/${slug(TOPICS[(index + 1) % TOPICS.length]!)}`],
  };
}

/** A page whose content needs more than 100 Notion blocks. */
function longPage(): SitePage {
  const items = Array.from(
    { length: 130 },
    (_, i) => `<p>Release note ${i + 1}: fixed issue #${1000 + i} in the request pipeline.</p>`,
  ).join('\n');
  return { path: '/docs/changelog', title: 'Changelog', body: `<h1>Changelog</h1>\n${items}`, links: [] };
}

/** A page with one paragraph longer than Notion's 2,000-character rich-text limit. */
function essayPage(): SitePage {
  const words = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
  return {
    path: '/blog/long-essay',
    title: 'A very long essay',
    body: `<h1>A very long essay</h1>\n<p>${words}</p>`,
    links: ['/docs/missing-page'],
  };
}

/** One of `count` generated recipe pages (for larger crawls): a heading, paragraphs, a list and code. */
function recipePage(n: number, count: number): SitePage {
  const next = (n % count) + 1;
  return {
    path: `/recipes/recipe-${n}`,
    title: `Recipe ${n}`,
    body: `<h1>Recipe ${n}</h1>
<p>Recipe ${n} shows one way to combine the Acme client with your own code. It builds on <a href="/docs/installation">Installation</a>.</p>
<h2>Steps</h2>
<ol><li>Create a client</li><li>Call <code>recipe${n}()</code></li><li>Check the result</li></ol>
<pre><code class="language-javascript">const result = await client.recipe${n}({ retries: 3 });</code></pre>
<p>Next: <a href="/recipes/recipe-${next}">Recipe ${next}</a>.</p>`,
    links: [],
  };
}

/** Recipes listed per index page: a documentation site's index pages stay small however large it grows. */
const RECIPES_PER_INDEX = 100;

/** The index pages of `count` recipes: `/recipes`, then `/recipes/page-2`..., each linking the next. */
function recipeIndexes(count: number): SitePage[] {
  const pages = Math.ceil(count / RECIPES_PER_INDEX);
  const path = (page: number) => (page === 1 ? '/recipes' : `/recipes/page-${page}`);
  return Array.from({ length: pages }, (_, i) => {
    const first = i * RECIPES_PER_INDEX + 1;
    const last = Math.min(count, first + RECIPES_PER_INDEX - 1);
    const items = Array.from(
      { length: last - first + 1 },
      (_, j) => `<li><a href="/recipes/recipe-${first + j}">Recipe ${first + j}</a></li>`,
    ).join('');
    const next = i + 1 < pages ? `<p><a href="${path(i + 2)}">More recipes</a></p>` : '';
    return {
      path: path(i + 1),
      title: i === 0 ? 'Recipes' : `Recipes ${first}-${last}`,
      body: `<h1>Recipes</h1><p>Short, complete examples.</p><ul>${items}</ul>${next}`,
      links: [],
    };
  });
}

/** `extra` pages: as many recipes as fit with their index pages. */
function recipePages(extra: number): SitePage[] {
  if (extra <= 0) return [];
  const recipes = extra - Math.ceil(extra / (RECIPES_PER_INDEX + 1));
  return [...recipeIndexes(recipes), ...Array.from({ length: recipes }, (_, i) => recipePage(i + 1, recipes))];
}

/**
 * Every page of the site for a content revision (revision > 0 changes one guide page).
 * `extraPages` > 1 adds that many pages, all in the sitemap, for larger crawls: recipe pages and
 * their index (100 recipes per index page), linked from the home page; 0 keeps the site exactly
 * as it was.
 */
export function sitePages(revision = 0, extraPages = 0): SitePage[] {
  const extra = recipePages(extraPages);
  const recipes = extra.length > 0 ? `<li><a href="/recipes">Recipes</a></li>` : '';
  return [
    {
      path: '/',
      title: 'Acme Docs',
      body: `<h1>Acme Docs</h1><p>Welcome to the documentation. Start with <a href="/docs/installation">Installation</a>.</p>
<ul>${TOPICS.map((t) => `<li><a href="/docs/${slug(t)}">${t}</a></li>`).join('')}<li><a href="/docs/changelog">Changelog</a></li><li><a href="/blog/long-essay">Blog</a></li>${recipes}<li><a href="/files/guide.pdf">PDF guide</a></li><li><a href="/private/admin">Admin</a></li></ul>`,
      links: [],
    },
    ...TOPICS.map((t, i) => guidePage(t, i, revision)),
    longPage(),
    essayPage(),
    { path: '/private/admin', title: 'Admin', body: '<h1>Admin</h1><p>Robots.txt excludes this page.</p>', links: [] },
    ...extra,
  ];
}
