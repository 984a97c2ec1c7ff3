/**
 * Code block languages: read from the class names highlighters leave on `pre`/`code`
 * (`language-python`, `lang-js`, `highlight-python` and `doctest` from Sphinx, `hljs python`, `brush: sql`)
 * and `data-lang`, then mapped to one of the names Notion accepts, "plain text" otherwise.
 */
import { NOTION_CODE_LANGUAGES, type CodeLanguage } from './block-types.js';

const NOTION_NAMES: ReadonlySet<string> = new Set(NOTION_CODE_LANGUAGES);

const ALIASES: Readonly<Record<string, CodeLanguage>> = {
  py: 'python',
  python3: 'python',
  py3: 'python',
  pycon: 'python',
  ipython: 'python',
  ipython3: 'python',
  pytb: 'python',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  nodejs: 'javascript',
  ecmascript: 'javascript',
  es6: 'javascript',
  javascriptreact: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  typescriptreact: 'typescript',
  sh: 'shell',
  zsh: 'shell',
  console: 'shell',
  shellsession: 'shell',
  'shell-session': 'shell',
  terminal: 'shell',
  fish: 'shell',
  ksh: 'shell',
  sh_session: 'shell',
  bash_session: 'bash',
  'bash-session': 'bash',
  ps: 'powershell',
  ps1: 'powershell',
  pwsh: 'powershell',
  posh: 'powershell',
  doscon: 'shell',
  ps1con: 'powershell',
  'pwsh-session': 'powershell',
  bat: 'shell',
  batch: 'shell',
  cmd: 'shell',
  jsonc: 'json',
  json5: 'json',
  jsonl: 'json',
  ndjson: 'json',
  'json-ld': 'json',
  jsonld: 'json',
  yml: 'yaml',
  htm: 'html',
  xhtml: 'html',
  vue: 'html',
  svelte: 'html',
  'html+jinja': 'html',
  jinja: 'html',
  django: 'html',
  handlebars: 'html',
  hbs: 'html',
  erb: 'html',
  ejs: 'html',
  svg: 'xml',
  xsl: 'xml',
  xslt: 'xml',
  plist: 'xml',
  rss: 'xml',
  atom: 'xml',
  wsdl: 'xml',
  psql: 'sql',
  plsql: 'sql',
  postgres: 'sql',
  postgresql: 'sql',
  mysql: 'sql',
  sqlite: 'sql',
  tsql: 'sql',
  pgsql: 'sql',
  golang: 'go',
  rs: 'rust',
  kt: 'kotlin',
  kts: 'kotlin',
  cpp: 'c++',
  cxx: 'c++',
  cc: 'c++',
  hpp: 'c++',
  hxx: 'c++',
  'c++': 'c++',
  arduino: 'arduino',
  ino: 'arduino',
  h: 'c',
  objc: 'objective-c',
  'obj-c': 'objective-c',
  objectivec: 'objective-c',
  'objective-c': 'objective-c',
  cs: 'c#',
  csharp: 'c#',
  'c-sharp': 'c#',
  dotnet: 'c#',
  fs: 'f#',
  fsharp: 'f#',
  'f-sharp': 'f#',
  rb: 'ruby',
  gemfile: 'ruby',
  podfile: 'ruby',
  php3: 'php',
  php4: 'php',
  php5: 'php',
  php7: 'php',
  php8: 'php',
  'html+php': 'php',
  md: 'markdown',
  mdx: 'markdown',
  gfm: 'markdown',
  rst: 'plain text',
  restructuredtext: 'plain text',
  asciidoc: 'plain text',
  text: 'plain text',
  txt: 'plain text',
  plain: 'plain text',
  plaintext: 'plain text',
  none: 'plain text',
  output: 'plain text',
  log: 'plain text',
  default: 'plain text',
  nohighlight: 'plain text',
  'no-highlight': 'plain text',
  raw: 'plain text',
  dockerfile: 'docker',
  containerfile: 'docker',
  make: 'makefile',
  mk: 'makefile',
  mak: 'makefile',
  cmake: 'makefile',
  tf: 'hcl',
  terraform: 'hcl',
  hcl2: 'hcl',
  nomad: 'hcl',
  gql: 'graphql',
  proto: 'protobuf',
  proto3: 'protobuf',
  hs: 'haskell',
  lhs: 'haskell',
  ex: 'elixir',
  exs: 'elixir',
  erl: 'erlang',
  clj: 'clojure',
  cljs: 'clojure',
  cljc: 'clojure',
  edn: 'clojure',
  coffee: 'coffeescript',
  ls: 'livescript',
  ml: 'ocaml',
  mli: 'ocaml',
  re: 'reason',
  rei: 'reason',
  pl: 'perl',
  pm: 'perl',
  perl6: 'perl',
  raku: 'perl',
  tex: 'latex',
  context: 'latex',
  vb: 'visual basic',
  vba: 'visual basic',
  vbnet: 'vb.net',
  vbscript: 'visual basic',
  wasm: 'webassembly',
  wat: 'webassembly',
  wast: 'webassembly',
  sol: 'solidity',
  sv: 'verilog',
  systemverilog: 'verilog',
  v: 'verilog',
  vhd: 'vhdl',
  m: 'matlab',
  octave: 'matlab',
  wl: 'mathematica',
  wolfram: 'mathematica',
  nb: 'mathematica',
  jl: 'julia',
  dart: 'dart',
  groovy: 'groovy',
  gradle: 'groovy',
  jenkinsfile: 'groovy',
  scm: 'scheme',
  rkt: 'racket',
  lsp: 'lisp',
  'common-lisp': 'lisp',
  elisp: 'lisp',
  emacs: 'lisp',
  asm: 'assembly',
  nasm: 'assembly',
  x86asm: 'assembly',
  armasm: 'assembly',
  s: 'assembly',
  patch: 'diff',
  udiff: 'diff',
  feature: 'gherkin',
  cucumber: 'gherkin',
  ini: 'toml',
  cfg: 'toml',
  conf: 'plain text',
  properties: 'plain text',
  env: 'shell',
  dotenv: 'shell',
  pas: 'pascal',
  delphi: 'pascal',
  pp: 'pascal',
  f90: 'fortran',
  f95: 'fortran',
  f03: 'fortran',
  for: 'fortran',
  purs: 'purescript',
  st: 'smalltalk',
  pro: 'prolog',
  ll: 'llvm ir',
  llvm: 'llvm ir',
  nixos: 'nix',
  mmd: 'mermaid',
  glslang: 'glsl',
  frag: 'glsl',
  vert: 'glsl',
  hlsl: 'glsl',
  sass: 'sass',
  scss: 'scss',
  less: 'less',
  styl: 'css',
  stylus: 'css',
  postcss: 'css',
  pcss: 'css',
  java: 'java',
  jsp: 'java',
  scala: 'scala',
  sc: 'scala',
  sbt: 'scala',
  swift: 'swift',
  lua: 'lua',
  r: 'r',
  rscript: 'r',
  rmd: 'r',
};

/** Maps any highlighter's language name to Notion's; unknown names become "plain text". */
export function toNotionLanguage(name: string | undefined): CodeLanguage {
  if (name === undefined) return 'plain text';
  const key = name.trim().toLowerCase();
  const alias = ALIASES[key];
  if (alias !== undefined) return alias;
  if (NOTION_NAMES.has(key)) return key as CodeLanguage;
  return 'plain text';
}

/** Class tokens that name a highlighter or a theme, never a language. */
const NOT_LANGUAGES = new Set([
  'hljs',
  'highlight',
  'prettyprint',
  'prism-code',
  'code',
  'codehilite',
  'sourcecode',
  'source',
  'notranslate',
  'literal-block',
  'line-numbers',
  'linenums',
  'shiki',
  'astro-code',
  'chroma',
  'syntax',
  'codeblock',
]);

/**
 * The language named by a set of class/data attributes, from the element closest to the code
 * outwards. Returns undefined when nothing names one.
 */
export function languageFromHints(
  hints: readonly { classes: readonly string[]; dataLanguage?: string | undefined }[],
): string | undefined {
  for (const { classes, dataLanguage } of hints) {
    if (dataLanguage !== undefined && dataLanguage.trim() !== '') return dataLanguage.trim();
    const tokens = joinBrushTokens(classes);
    // Sphinx marks doctest blocks (`>>>` sessions) `doctest highlight-default`: Python, whatever
    // the project's default highlight language is.
    if (tokens.some((c) => c.toLowerCase() === 'doctest')) return 'pycon';
    // `language-x`/`lang-x` are explicit, even for names Notion lacks; other prefixes
    // (`highlight-`, `code-`) are also used for non-language classes, so need a known name.
    for (const cls of tokens) {
      const match = /^(?:language|lang)[-:_](.+)$/i.exec(cls);
      if (match?.[1] !== undefined && !NOT_LANGUAGES.has(match[1].toLowerCase())) return match[1];
    }
    for (const cls of tokens) {
      const match = /^(?:highlight|brush|code|source|sourceCode)[-:_](.+)$/i.exec(cls);
      if (match?.[1] !== undefined && isKnownLanguageName(match[1])) return match[1];
    }
    // highlight.js writes `class="hljs python"`; a bare known name next to it is the language.
    if (classes.some((c) => c.toLowerCase() === 'hljs' || c.toLowerCase() === 'sourcecode')) {
      const bare = classes.find((c) => !NOT_LANGUAGES.has(c.toLowerCase()) && isKnownLanguageName(c));
      if (bare !== undefined) return bare;
    }
  }
  return undefined;
}

/** SyntaxHighlighter writes `class="brush: sql"`, which splits into two tokens. */
function joinBrushTokens(classes: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < classes.length; i++) {
    const cls = classes[i]!;
    const next = classes[i + 1];
    if (cls.toLowerCase() === 'brush:' && next !== undefined) {
      out.push(`brush:${next.replace(/;$/, '')}`);
      i++;
    } else {
      out.push(cls);
    }
  }
  return out;
}

function isKnownLanguageName(name: string): boolean {
  const key = name.toLowerCase();
  return ALIASES[key] !== undefined || NOTION_NAMES.has(key);
}
