/**
 * Admonitions and alerts (MkDocs/Sphinx `.admonition`, Docusaurus `.theme-admonition`,
 * GitHub `.markdown-alert` and `> [!NOTE]`, Bootstrap `.alert`, `aside.note`, `div.warning`)
 * and the emoji and colour their Notion callout gets.
 */
import type { NotionColor, NotionEmoji } from './block-types.js';

export type CalloutKind =
  | 'note'
  | 'info'
  | 'tip'
  | 'success'
  | 'question'
  | 'warning'
  | 'danger'
  | 'important'
  | 'example'
  | 'quote'
  | 'abstract';

const KIND_ALIASES: Readonly<Record<string, CalloutKind>> = {
  note: 'note',
  seealso: 'note',
  'see-also': 'note',
  secondary: 'note',
  memo: 'note',
  info: 'info',
  information: 'info',
  todo: 'info',
  primary: 'info',
  version: 'info',
  versionadded: 'info',
  versionchanged: 'info',
  tip: 'tip',
  hint: 'tip',
  hints: 'tip',
  tips: 'tip',
  success: 'success',
  check: 'success',
  done: 'success',
  question: 'question',
  help: 'question',
  faq: 'question',
  warning: 'warning',
  warn: 'warning',
  caution: 'warning',
  attention: 'warning',
  deprecated: 'warning',
  danger: 'danger',
  error: 'danger',
  failure: 'danger',
  fail: 'danger',
  missing: 'danger',
  bug: 'danger',
  important: 'important',
  example: 'example',
  quote: 'quote',
  cite: 'quote',
  abstract: 'abstract',
  summary: 'abstract',
  tldr: 'abstract',
};

const STYLE: Readonly<Record<CalloutKind, { emoji: NotionEmoji; color: NotionColor }>> = {
  note: { emoji: '📝', color: 'blue_background' },
  info: { emoji: 'ℹ️', color: 'blue_background' },
  tip: { emoji: '💡', color: 'green_background' },
  success: { emoji: '✅', color: 'green_background' },
  question: { emoji: '❓', color: 'yellow_background' },
  warning: { emoji: '⚠️', color: 'yellow_background' },
  danger: { emoji: '🚨', color: 'red_background' },
  important: { emoji: '❗', color: 'purple_background' },
  example: { emoji: '🧪', color: 'gray_background' },
  quote: { emoji: '💬', color: 'gray_background' },
  abstract: { emoji: '📋', color: 'gray_background' },
};

export function calloutStyle(kind: CalloutKind): { emoji: NotionEmoji; color: NotionColor } {
  return STYLE[kind];
}

/** Class families that mark an element as a callout container. */
const CONTAINER_CLASS =
  /(?:^|[-_])(?:admonition|callout|alert|hint|notice)(?:$|[-_])|^(?:message|note|tip|warning|info|caution|danger|important)(?:$|[-_])/i;

/** theme-admonition-warning, markdown-alert-note, alert-danger, callout-tip, hint-info */
function kindFromSuffix(token: string): CalloutKind | undefined {
  const suffix = /(?:admonition|alert|callout|hint|notice|message)-{1,2}(\w+)$/i.exec(token)?.[1];
  return suffix === undefined ? undefined : KIND_ALIASES[suffix.toLowerCase()];
}

/**
 * The callout kind of an element, or undefined when it is not a callout. `aside` and
 * `.admonition`-like containers default to "note" when no kind is named.
 */
/** Parts inside a callout (`kg-callout-text`, `admonition-title`), which are not callouts themselves. */
const CALLOUT_PART =
  /(?:admonition|callout|alert|hint|notice)[-_]+(?:text|title|content|body|emoji|icon|heading|header|label|inner|link|close|dismiss|button)$/i;

export function calloutKindOf(tag: string, classes: readonly string[]): CalloutKind | undefined {
  if (classes.some((c) => CALLOUT_PART.test(c))) return undefined;
  const isContainer = classes.some((c) => CONTAINER_CLASS.test(c));
  const asideWithClass = tag === 'aside' && classes.length > 0;
  if (!isContainer && !asideWithClass) return undefined;
  if (tag !== 'div' && tag !== 'aside' && tag !== 'section' && tag !== 'blockquote') return undefined;
  // "hint hint-info": the qualified class is more specific than the bare one.
  for (const cls of classes) {
    const kind = kindFromSuffix(cls);
    if (kind !== undefined) return kind;
  }
  for (const cls of classes) {
    const kind = KIND_ALIASES[cls.toLowerCase()];
    if (kind !== undefined) return kind;
  }
  return isContainer ? 'note' : undefined;
}

const GITHUB_ALERT = /^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*\n?/i;

/** The kind named by a GitHub alert marker at the start of a blockquote's text, and its length. */
export function githubAlertMarker(text: string): { kind: CalloutKind; length: number } | undefined {
  const match = GITHUB_ALERT.exec(text);
  if (!match?.[1]) return undefined;
  const kind = KIND_ALIASES[match[1].toLowerCase()];
  return kind === undefined ? undefined : { kind, length: match[0].length };
}

/** An element holding the callout's own emoji (Ghost's `.kg-callout-emoji`). */
export const CALLOUT_EMOJI_CLASS = /callout-?emoji|admonition-?icon/i;

/** Class names of the title line inside a callout, removed from the body and shown in bold. */
export const CALLOUT_TITLE_CLASS =
  /^(?:admonition-title|markdown-alert-title|callout-title|alert-heading|alert-title|hint-title)$|^admonitionHeading/i;
