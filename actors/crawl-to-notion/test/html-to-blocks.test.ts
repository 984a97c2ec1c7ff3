import { describe, expect, it } from 'vitest';
import { htmlToBlocks, type NotionBlock } from '../src/notion-blocks/index.js';
import { allRichText, findItem, outline } from './support/outline.js';

const PAGE = 'https://docs.example.com/guide/intro/';
const convert = (html: string, resolveLink?: (url: string) => string | undefined): NotionBlock[] =>
  htmlToBlocks(html, { baseUrl: PAGE, pageUrl: PAGE, resolveLink });
const shape = (html: string): string[] => outline(convert(html));

describe('headings and paragraphs', () => {
  it('maps h1, h2 and h3-h6 to heading_1, heading_2 and heading_3', () => {
    expect(shape('<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>')).toEqual([
      'heading_1: One',
      'heading_2: Two',
      'heading_3: Three',
      'heading_3: Four',
      'heading_3: Five',
      'heading_3: Six',
    ]);
  });

  it('skips empty headings and paragraphs (WordPress &nbsp; spacers included)', () => {
    expect(shape('<h2> </h2><p>&nbsp;</p><p>  </p><p>Text</p>')).toEqual(['paragraph: Text']);
  });

  it('collapses whitespace like a browser, across element borders, and keeps <br> as a line break', () => {
    const html = `<p>
        Hello   <b> big </b>
        world\t!<br>
          Next   line <br><br>after a gap<br></p>`;
    expect(shape(html)).toEqual(['paragraph: Hello big world !\nNext line\n\nafter a gap']);
  });

  it('wraps top-level inline text and inline elements into paragraphs between blocks', () => {
    expect(shape('Loose text <em>here</em><h2>Title</h2>more loose<div>in a div</div>tail')).toEqual([
      'paragraph: Loose text here',
      'heading_2: Title',
      'paragraph: more loose',
      'paragraph: in a div',
      'paragraph: tail',
    ]);
  });

  it('removes zero-width and soft-hyphen characters that only steer line breaking', () => {
    expect(shape('<h2>Sending\u200b the key</h2><p>hyph\u00aden</p>')).toEqual([
      'heading_2: Sending the key',
      'paragraph: hyphen',
    ]);
  });
});

describe('rich text annotations', () => {
  const blocks = convert(
    '<p>a <strong>strong</strong> <b>b</b> <em>em</em> <i>i</i> <code>code</code> <kbd>Ctrl</kbd> <s>s</s> <del>del</del> <strike>strike</strike> <u>u</u> ' +
      '<strong><em>both</em></strong> <span style="font-weight:700">styled bold</span> <span style="text-decoration: underline line-through">deco</span></p>',
  );
  const annotations = (content: string) => findItem(blocks, content)?.annotations;

  it.each([
    ['strong', { bold: true }],
    ['b', { bold: true }],
    ['em', { italic: true }],
    ['i', { italic: true }],
    ['code', { code: true }],
    ['Ctrl', { code: true }],
    ['s', { strikethrough: true }],
    ['del', { strikethrough: true }],
    ['strike', { strikethrough: true }],
    ['u', { underline: true }],
    ['both', { bold: true, italic: true }],
    ['styled bold', { bold: true }],
    ['deco', { underline: true, strikethrough: true }],
  ])('%s', (content, expected) => {
    const base = { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' };
    expect(annotations(content)).toEqual({ ...base, ...expected });
  });

  it('merges neighbouring text with equal formatting into one item', () => {
    const [block] = convert('<p>one <span>two</span> <span>three</span></p>');
    expect(allRichText([block!])).toHaveLength(1);
  });

  it('wraps <q> in quotation marks', () => {
    expect(shape('<p>He said <q>hi</q>.</p>')).toEqual(['paragraph: He said “hi”.']);
  });
});

describe('links', () => {
  const linkOf = (html: string, text: string, resolveLink?: (url: string) => string | undefined) =>
    findItem(convert(html, resolveLink), text)?.text.link;

  it('resolves relative links against the page URL', () => {
    expect(linkOf('<p><a href="../setup/">Setup</a></p>', 'Setup')).toEqual({
      url: 'https://docs.example.com/guide/setup/',
    });
    expect(linkOf('<p><a href="/api?x=1#get">API</a></p>', 'API')).toEqual({
      url: 'https://docs.example.com/api?x=1#get',
    });
    expect(linkOf('<p><a href="//cdn.example.net/file.pdf">PDF</a></p>', 'PDF')).toEqual({
      url: 'https://cdn.example.net/file.pdf',
    });
  });

  it('keeps http(s) and mailto links and drops javascript:, data:, tel: and unparsable ones as plain text', () => {
    expect(linkOf('<p><a href="mailto:help@example.com">mail</a></p>', 'mail')).toEqual({
      url: 'mailto:help@example.com',
    });
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:void(0)',
      'data:text/html,hi',
      'tel:+15550100',
      'http://[::1',
    ]) {
      expect(linkOf(`<p><a href="${href}">x</a></p>`, 'x')).toBeNull();
    }
  });

  it('drops in-page anchors, which would lead out of Notion, but keeps links to other pages with fragments', () => {
    expect(linkOf('<p><a href="#install">Install</a></p>', 'Install')).toBeNull();
    expect(linkOf(`<p><a href="${PAGE}#install">Install</a></p>`, 'Install')).toBeNull();
    expect(linkOf('<p><a href="/other#install">Install</a></p>', 'Install')).toEqual({
      url: 'https://docs.example.com/other#install',
    });
  });

  it('lets resolveLink point crawled pages at their Notion page, called with the fragment removed', () => {
    const seen: string[] = [];
    const resolve = (url: string): string | undefined => {
      seen.push(url);
      return url === 'https://docs.example.com/guide/setup/'
        ? 'https://www.notion.so/Setup-0123456789abcdef0123456789abcdef'
        : undefined;
    };
    const blocks = convert(
      '<p><a href="../setup/#step-2">Setup</a> and <a href="https://elsewhere.example/">away</a></p>',
      resolve,
    );
    expect(findItem(blocks, 'Setup')?.text.link).toEqual({
      url: 'https://www.notion.so/Setup-0123456789abcdef0123456789abcdef',
    });
    expect(findItem(blocks, 'away')?.text.link).toEqual({ url: 'https://elsewhere.example/' });
    expect(seen).toEqual(['https://docs.example.com/guide/setup/', 'https://elsewhere.example/']);
  });

  it('carries the link and formatting of an inline element into the blocks it wraps (card links)', () => {
    const blocks = convert(
      '<a href="/blog/post"><div class="card"><h3>Post title</h3><p>Teaser <em>text</em></p></div></a>',
    );
    expect(outline(blocks)).toEqual(['heading_3: Post title', 'paragraph: Teaser text']);
    expect(findItem(blocks, 'Post title')?.text.link).toEqual({ url: 'https://docs.example.com/blog/post' });
    expect(findItem(blocks, 'text')).toMatchObject({
      text: { link: { url: 'https://docs.example.com/blog/post' } },
      annotations: { italic: true },
    });
  });
});

describe('lists', () => {
  it('nests bulleted and numbered lists four levels deep as children', () => {
    const html = `<ul>
      <li>Level 1
        <ol>
          <li>Level 2
            <ul><li>Level 3<ul><li>Level 4a</li><li>Level 4b</li></ul></li></ul>
          </li>
          <li>Level 2b</li>
        </ol>
      </li>
      <li>Level 1b</li>
    </ul>`;
    expect(shape(html)).toEqual([
      'bulleted_list_item: Level 1',
      '  numbered_list_item: Level 2',
      '    bulleted_list_item: Level 3',
      '      bulleted_list_item: Level 4a',
      '      bulleted_list_item: Level 4b',
      '  numbered_list_item: Level 2b',
      'bulleted_list_item: Level 1b',
    ]);
  });

  it('uses the first paragraph of a loose list item as its text and the rest as children', () => {
    const html = '<ol><li><p>Install</p><p>Run it twice.</p><pre><code class="language-sh">make</code></pre></li></ol>';
    expect(shape(html)).toEqual(['numbered_list_item: Install', '  paragraph: Run it twice.', '  code(shell): make']);
  });

  it('attaches an invalid list-in-list to the previous item', () => {
    expect(shape('<ul><li>a</li><ul><li>b</li></ul></ul>')).toEqual([
      'bulleted_list_item: a',
      '  bulleted_list_item: b',
    ]);
  });

  it('turns GitHub and MkDocs task lists into to-dos with their checked state', () => {
    const github =
      '<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled checked> Done thing</li>' +
      '<li class="task-list-item"><input type="checkbox" disabled> Open thing<ul><li>detail</li></ul></li></ul>';
    expect(shape(github)).toEqual(['to_do[x]: Done thing', 'to_do[ ]: Open thing', '  bulleted_list_item: detail']);
    const mkdocs =
      '<ul class="task-list"><li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked/>' +
      '<span class="task-list-indicator"></span></label> Set the port</li></ul>';
    expect(shape(mkdocs)).toEqual(['to_do[x]: Set the port']);
  });

  it("does not treat a checkbox after text, or inside a nested list, as the item's own", () => {
    expect(
      shape(
        '<ul><li>Agree <input type="checkbox"> here</li><li>Parent<ul><li><input type="checkbox" checked> child</li></ul></li></ul>',
      ),
    ).toEqual(['bulleted_list_item: Agree here', 'bulleted_list_item: Parent', '  to_do[x]: child']);
  });

  it('renders definition lists as bold terms with the definitions nested under them', () => {
    const blocks = convert(
      '<dl><dt>timeout</dt><dd>Seconds to wait.</dd><dd>Default 30.</dd><div><dt>retries</dt><dd>How often.</dd></div></dl>',
    );
    expect(outline(blocks)).toEqual([
      'paragraph: timeout',
      '  paragraph: Seconds to wait.',
      '  paragraph: Default 30.',
      'paragraph: retries',
      '  paragraph: How often.',
    ]);
    expect(findItem(blocks, 'timeout')?.annotations.bold).toBe(true);
  });
});

describe('code blocks', () => {
  it.each([
    ['<pre><code class="language-python">print(1)</code></pre>', 'python'],
    ['<pre><code class="hljs language-ts">let a = 1</code></pre>', 'typescript'],
    ['<pre><code class="hljs python">print(1)</code></pre>', 'python'],
    ['<div class="highlight-js notranslate"><div class="highlight"><pre>var a</pre></div></div>', 'javascript'],
    ['<div class="highlight-default notranslate"><div class="highlight"><pre>x</pre></div></div>', 'plain text'],
    [
      '<div class="doctest highlight-default notranslate"><div class="highlight"><pre><span></span><span class="gp">&gt;&gt;&gt; </span>bin(3)</pre></div></div>',
      'python',
    ],
    ['<div class="highlight-pycon notranslate"><div class="highlight"><pre>&gt;&gt;&gt; 1</pre></div></div>', 'python'],
    ['<div class="highlight-shell-session notranslate"><div class="highlight"><pre>$ ls</pre></div></div>', 'shell'],
    ['<div class="highlight-doscon notranslate"><div class="highlight"><pre>C:\\&gt; dir</pre></div></div>', 'shell'],
    ['<pre class="prism-code language-bash"><code>ls</code></pre>', 'bash'],
    ['<div class="language-yaml highlight"><pre><code>a: 1</code></pre></div>', 'yaml'],
    ['<pre data-lang="rust"><code>fn main() {}</code></pre>', 'rust'],
    ['<pre class="brush: sql;">SELECT 1</pre>', 'sql'],
    ['<pre><code class="language-cpp">int x;</code></pre>', 'c++'],
    ['<pre><code class="language-csharp">var x;</code></pre>', 'c#'],
    ['<pre><code class="language-dockerfile">FROM node</code></pre>', 'docker'],
    ['<pre><code class="language-brainfuck">+++</code></pre>', 'plain text'],
    ['<pre>no language at all</pre>', 'plain text'],
  ])('%s -> %s', (html, language) => {
    const [block] = convert(html);
    expect(block?.type === 'code' && block.code.language).toBe(language);
  });

  it('keeps whitespace and newlines inside <pre>, drops the first blank line and trailing whitespace', () => {
    const [block] = convert('<pre><code class="language-python">\n\ndef f():\n    return  1\n\n</code></pre>');
    expect(outline([block!])).toEqual(['code(python): def f():\n    return  1']);
  });

  it('reads highlighted code with <br> lines (Docusaurus), per-line divs, and skips line numbers and copy buttons', () => {
    const docusaurus =
      '<pre class="language-js"><code><span class="token-line"><span class="token keyword">const</span> a = 1;<br></span>' +
      '<span class="token-line">a++;<br></span></code></pre>';
    expect(shape(docusaurus)).toEqual(['code(javascript): const a = 1;\na++;']);
    const divLines =
      '<pre class="language-go"><div class="line">package main</div><div class="line">func main() {}</div></pre>';
    expect(shape(divLines)).toEqual(['code(go): package main\nfunc main() {}']);
    const numbered =
      '<pre class="language-ruby"><span class="lineno">1</span>puts 1\n<span class="lineno">2</span>puts 2</pre>';
    expect(shape(numbered)).toEqual(['code(ruby): puts 1\nputs 2']);
  });

  it('unwraps Sphinx/Hugo highlight tables with line numbers into one code block', () => {
    const html =
      '<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre>1\n2</pre></div></td>' +
      '<td class="code"><div class="highlight-python"><div class="highlight"><pre>a = 1\nb = 2\n</pre></div></div></td></tr></table>';
    expect(shape(html)).toEqual(['code(python): a = 1\nb = 2']);
  });

  it('takes a figure caption as the code caption', () => {
    const [block] = convert(
      '<figure><pre><code class="language-json">{}</code></pre><figcaption>config.json</figcaption></figure>',
    );
    expect(block?.type === 'code' && block.code.caption.map((c) => c.text.content).join('')).toBe('config.json');
  });
});

describe('images', () => {
  it('makes relative sources absolute and uses alt as caption', () => {
    expect(shape('<p><img src="img/diagram.png" alt="The  diagram"></p>')).toEqual([
      'image: https://docs.example.com/guide/intro/img/diagram.png | The diagram',
    ]);
  });

  it('lifts an image out of a paragraph, keeping the text around it in order', () => {
    expect(shape('<p>Before <img src="/a.png"> after</p>')).toEqual([
      'paragraph: Before',
      'image: https://docs.example.com/a.png',
      'paragraph: after',
    ]);
  });

  it('skips data: URIs and tracking pixels but uses a lazy-loaded real source', () => {
    expect(shape('<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">')).toEqual([]);
    expect(shape('<img src="https://t.example/p.gif" width="1" height="1">')).toEqual([]);
    expect(shape('<img src="data:image/svg+xml,%3Csvg%3E" data-lazy-src="/real.jpg" alt="Real">')).toEqual([
      'image: https://docs.example.com/real.jpg | Real',
    ]);
    expect(shape('<img srcset="/s.jpg 480w, /l.jpg 1200w, /m.jpg 800w" alt="">')).toEqual([
      'image: https://docs.example.com/l.jpg',
    ]);
  });

  it('prefers the figcaption over alt, with its formatting', () => {
    const blocks = convert(
      '<figure><picture><source srcset="/a.webp"><img src="/a.png" alt="alt text"></picture><figcaption>Figure <em>1</em></figcaption></figure>',
    );
    expect(outline(blocks)).toEqual(['image: https://docs.example.com/a.png | Figure 1']);
    expect(findItem(blocks, '1')?.annotations.italic).toBe(true);
  });

  it('keeps emoji images inline as their character', () => {
    expect(shape('<p>Tasty <img class="emoji" alt="🍞" src="https://s.w.org/1f35e.svg"> bread</p>')).toEqual([
      'paragraph: Tasty 🍞 bread',
    ]);
  });

  it('keeps media that Notion cannot embed reachable as a link', () => {
    const blocks = convert('<video controls><source src="/demo.mp4" type="video/mp4"></video>');
    expect(outline(blocks)).toEqual(['paragraph: Video']);
    expect(findItem(blocks, 'Video')?.text.link).toEqual({ url: 'https://docs.example.com/demo.mp4' });
  });
});

describe('tables', () => {
  it('builds a table with a column header from <thead>/<th> and formatted cells', () => {
    const blocks = convert(
      '<table><thead><tr><th>Name</th><th>Type</th></tr></thead><tbody><tr><td><code>id</code></td><td>string</td></tr>' +
        '<tr><td>tags</td><td><ul><li>one</li><li>two</li></ul></td></tr></tbody></table>',
    );
    expect(outline(blocks)).toEqual([
      'table(2, header)',
      '  | Name | Type |',
      '  | id | string |',
      '  | tags | • one\n• two |',
    ]);
    expect(findItem(blocks, 'id')?.annotations.code).toBe(true);
  });

  it('detects a row header column and no column header', () => {
    expect(shape('<table><tr><th>CPU</th><td>4</td></tr><tr><th>RAM</th><td>8 GB</td></tr></table>')).toEqual([
      'table(2, row header)',
      '  | CPU | 4 |',
      '  | RAM | 8 GB |',
    ]);
  });

  it('keeps columns aligned under colspan and rowspan and pads short rows', () => {
    const html =
      '<table><tr><th>A</th><th>B</th><th>C</th></tr>' +
      '<tr><td rowspan="2">r</td><td colspan="2">wide</td></tr>' +
      '<tr><td>x</td><td>y</td></tr>' +
      '<tr><td>short</td></tr></table>';
    expect(shape(html)).toEqual([
      'table(3, header)',
      '  | A | B | C |',
      '  | r | wide |  |',
      '  |  | x | y |',
      '  | short |  |  |',
    ]);
  });

  it('puts the caption before the table and reads a table without tbody', () => {
    expect(
      shape('<table><caption>Prices</caption><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>'),
    ).toEqual(['paragraph: Prices', 'table(2)', '  | a | 1 |', '  | b | 2 |']);
  });

  it('treats a one-cell table as layout and converts its content as blocks', () => {
    expect(shape('<table><tr><td><h2>Inside</h2><p>text</p></td></tr></table>')).toEqual([
      'heading_2: Inside',
      'paragraph: text',
    ]);
  });

  it('reads a one-row table of lists side by side as columns of blocks, links kept (Sphinx general index)', () => {
    const entries = (from: number) =>
      Array.from({ length: 60 }, (_, i) => `<li><a href="../lib.html#f${from + i}">f${from + i}()</a></li>`).join('');
    const html =
      '<table style="width: 100%" class="indextable genindextable"><tr>' +
      `<td style="width: 33%; vertical-align: top;"><ul>${entries(0)}<li><a href="../lib.html#p">pack()</a>` +
      '<ul><li><a href="../mh.html#pack">(mailbox.MH method)</a></li></ul></li></ul></td>' +
      `<td style="width: 33%; vertical-align: top;"><ul>${entries(60)}</ul></td></tr></table>`;
    const blocks = convert(html);
    expect(blocks.every((b) => b.type === 'bulleted_list_item')).toBe(true);
    expect(blocks).toHaveLength(121);
    expect(outline(blocks.slice(59, 62))).toEqual([
      'bulleted_list_item: f59()',
      'bulleted_list_item: pack()',
      '  bulleted_list_item: (mailbox.MH method)',
      'bulleted_list_item: f60()',
    ]);
    expect(allRichText(blocks).every((item) => item.text.link !== null)).toBe(true);
    expect(findItem(blocks, '(mailbox.MH method)')?.text.link).toEqual({
      url: 'https://docs.example.com/guide/mh.html#pack',
    });
  });

  it('reads a one-row table of several paragraphs per cell as columns (Sphinx start page)', () => {
    const html =
      '<table class="contentstable" align="center"><tr><td width="50%">' +
      '<p class="biglink"><a class="biglink" href="tutorial/index.html">Tutorial</a><br/><span class="linkdescr">start here</span></p>' +
      '<p class="biglink"><a class="biglink" href="library/index.html">Library Reference</a><br/><span class="linkdescr">keep this under your pillow</span></p>' +
      '</td><td width="50%"><p class="biglink"><a class="biglink" href="faq/index.html">FAQs</a></p></td></tr></table>';
    expect(shape(html)).toEqual([
      'paragraph: Tutorial\nstart here',
      'paragraph: Library Reference\nkeep this under your pillow',
      'paragraph: FAQs',
    ]);
  });

  it('keeps a one-row data table of plain cells a table', () => {
    expect(shape('<table><tr><td>a</td><td>b</td></tr></table>')).toEqual(['table(2)', '  | a | b |']);
  });

  it('leaves out rows and columns without any text (Sphinx module index spacing)', () => {
    const html =
      '<table class="indextable modindextable">' +
      '<tr class="pcap"><td></td><td>&#160;</td><td></td></tr>' +
      '<tr class="cap" id="cap-a"><td></td><td><strong>a</strong></td><td></td></tr>' +
      '<tr><td></td><td><a href="library/abc.html#module-abc"><code class="xref">abc</code></a></td><td><em>Abstract base classes.</em></td></tr>' +
      // The toggler image is hidden on the page; main-content extraction has removed it.
      '<tr><td></td><td><a href="library/ast.html#module-ast"><code class="xref">ast</code></a></td><td><em>Syntax trees.</em></td></tr>' +
      '</table>';
    expect(shape(html)).toEqual([
      'table(2)',
      '  | a |  |',
      '  | abc | Abstract base classes. |',
      '  | ast | Syntax trees. |',
    ]);
  });

  it('keeps the column header when the first kept row is the header, and a column that only its header names', () => {
    expect(
      shape(
        '<table><thead><tr><th>Name</th><th>Notes</th></tr></thead><tr><td>x</td><td></td></tr><tr><td></td><td></td></tr></table>',
      ),
    ).toEqual(['table(2, header)', '  | Name | Notes |', '  | x |  |']);
  });

  it('puts images in cells as their alt text linked to the image', () => {
    const blocks = convert(
      '<table><tr><th>Logo</th></tr><tr><td><img src="/logo.png" alt="Acme logo"></td></tr></table>',
    );
    expect(findItem(blocks, 'Acme logo')?.text.link).toEqual({ url: 'https://docs.example.com/logo.png' });
  });
});

describe('quotes, callouts, toggles, dividers', () => {
  it('converts blockquote to quote, with further paragraphs nested', () => {
    expect(shape('<blockquote><p>First.</p><p>Second.</p></blockquote><hr>')).toEqual([
      'quote: First.',
      '  paragraph: Second.',
      'divider',
    ]);
  });

  it.each([
    [
      'MkDocs/Sphinx',
      '<div class="admonition tip"><p class="admonition-title">Tip</p><p>Use it.</p></div>',
      'callout(💡): Tip\nUse it.',
    ],
    [
      'Docusaurus',
      '<div class="theme-admonition theme-admonition-warning alert alert--warning"><div class="admonitionHeading_x">Careful</div><div class="admonitionContent_y"><p>Hot.</p></div></div>',
      'callout(⚠️): Careful\nHot.',
    ],
    [
      'GitHub rendered',
      '<div class="markdown-alert markdown-alert-important"><p class="markdown-alert-title">Important</p><p>Read this.</p></div>',
      'callout(❗): Important\nRead this.',
    ],
    ['GitHub source', '<blockquote><p>[!NOTE]<br>Heads up.</p></blockquote>', 'callout(📝): Heads up.'],
    [
      'GitHub source, own line',
      '<blockquote><p>[!CAUTION]</p><p>Hot surface.</p></blockquote>',
      'callout(⚠️): Hot surface.',
    ],
    ['aside.note', '<aside class="note"><p>A note.</p></aside>', 'callout(📝): A note.'],
    ['div.warning', '<div class="warning"><p>Watch out.</p></div>', 'callout(⚠️): Watch out.'],
    ['Bootstrap alert', '<div class="alert alert-danger" role="alert">Failed.</div>', 'callout(🚨): Failed.'],
    ['GitBook hint', '<div class="hint hint-info"><p>FYI.</p></div>', 'callout(ℹ️): FYI.'],
    [
      'Ghost card with own emoji',
      '<div class="kg-card kg-callout-card kg-callout-card-blue"><div class="kg-callout-emoji">🚀</div><div class="kg-callout-text">Launch.</div></div>',
      'callout(🚀): Launch.',
    ],
  ])('%s', (_name, html, expected) => {
    expect(shape(html)).toEqual([expected]);
  });

  it('gives callouts a colour and keeps later blocks as children', () => {
    const [block] = convert(
      '<div class="admonition danger"><p class="admonition-title">Danger</p><p>One.</p><ul><li>two</li></ul></div>',
    );
    expect(block?.type === 'callout' && block.callout.color).toBe('red_background');
    expect(outline([block!])).toEqual(['callout(🚨): Danger\nOne.', '  bulleted_list_item: two']);
    expect(findItem([block!], 'Danger')?.annotations.bold).toBe(true);
  });

  it('starts a footnote with its label instead of giving the label a line of its own (docutils aside.footnote)', () => {
    const html =
      '<p class="rubric">Footnotes</p><aside class="footnote-list brackets">' +
      '<aside class="footnote brackets" id="id2" role="note"><span class="label"><span class="fn-bracket">[</span>' +
      '<a role="doc-backlink" href="#id1">1</a><span class="fn-bracket">]</span></span>\n' +
      '<p>“Cheese Shop” is a <em>sketch</em>.</p><p>More.</p></aside></aside>';
    expect(shape(html)).toEqual([
      'paragraph: Footnotes',
      'paragraph: [1] “Cheese Shop” is a sketch.',
      'paragraph: More.',
    ]);
    expect(findItem(convert(html), 'sketch')?.annotations.italic).toBe(true);
  });

  it('leaves a footnote-like block alone when its first line is not a label', () => {
    expect(shape('<div class="footnote"><span>Note that</span><p>text.</p></div>')).toEqual([
      'paragraph: Note that',
      'paragraph: text.',
    ]);
  });

  it('converts details/summary to a toggle with the body as children', () => {
    expect(shape('<details><summary>Show <b>more</b></summary><p>Hidden body</p><pre>code</pre></details>')).toEqual([
      'toggle: Show more',
      '  paragraph: Hidden body',
      '  code(plain text): code',
    ]);
    expect(shape('<details><p>No summary</p></details>')).toEqual(['toggle: Details', '  paragraph: No summary']);
  });

  it('writes tab panels one after another under their labels (Docusaurus and MkDocs tabs)', () => {
    const docusaurus =
      '<div class="tabs-container"><ul role="tablist"><li role="tab">npm</li><li role="tab">pnpm</li></ul>' +
      '<div><div role="tabpanel"><pre class="language-bash">npm i</pre></div><div role="tabpanel" hidden><pre class="language-bash">pnpm add</pre></div></div></div>';
    expect(shape(docusaurus)).toEqual([
      'paragraph: npm',
      'code(bash): npm i',
      'paragraph: pnpm',
      'code(bash): pnpm add',
    ]);
    const mkdocs =
      '<div class="tabbed-set" data-tabs="1:2"><input checked type="radio" id="t1" name="__tabbed_1"><input type="radio" id="t2" name="__tabbed_1">' +
      '<div class="tabbed-labels"><label for="t1">Python</label><label for="t2">Go</label></div>' +
      '<div class="tabbed-content"><div class="tabbed-block"><p>py</p></div><div class="tabbed-block"><p>go</p></div></div></div>';
    expect(shape(mkdocs)).toEqual(['paragraph: Python', 'paragraph: py', 'paragraph: Go', 'paragraph: go']);
  });
});

describe('robustness', () => {
  it('ignores comments, scripts and form controls inside content', () => {
    expect(shape('<!-- c --><p>a<script>evil()</script><select><option>o</option></select> b</p>')).toEqual([
      'paragraph: a b',
    ]);
  });

  it('returns nothing for empty input', () => {
    expect(convert('')).toEqual([]);
    expect(convert('   \n ')).toEqual([]);
  });
});
