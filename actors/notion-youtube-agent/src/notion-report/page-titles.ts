/** Notion shows long titles poorly; 80 characters keep a sidebar entry readable. */
const DEFAULT_TITLE_LENGTH = 80;

// "a page called 'X'", "the doc named “X”", "a page titled X." (quoted or up to punctuation).
const QUOTED_NAME = /\b(?:page|doc|document|note|notes)\s+(?:called|named|titled)\s+["“'‘«]([^"”'’»\n]+)["”'’»]/iu;
const BARE_NAME = /\b(?:page|doc|document|note|notes)\s+(?:called|named|titled)\s+([^.,;!?\n]+)/iu;

export interface PageTitleOptions {
  /** Used when the task names no page (default: the task's first clause, shortened). */
  fallback?: string;
  maxLength?: number;
}

/**
 * The page a task asks to write into, when it names one ("add them to my page called
 * 'YouTube ideas'"); otherwise the fallback or a short title made from the task itself.
 */
export function pageTitleFromTask(task: string, options: PageTitleOptions = {}): string {
  const maxLength = Math.max(10, options.maxLength ?? DEFAULT_TITLE_LENGTH);
  const named = QUOTED_NAME.exec(task)?.[1] ?? BARE_NAME.exec(task)?.[1];
  if (named !== undefined && named.trim() !== '') return shorten(collapse(named), maxLength);
  if (options.fallback !== undefined && options.fallback.trim() !== '')
    return shorten(collapse(options.fallback), maxLength);
  const firstClause = collapse(task).split(/(?<=[.!?])\s|\n/u)[0] ?? '';
  const title = firstClause.replace(/[.!?]+$/u, '');
  return title === '' ? 'YouTube research' : shorten(capitalize(title), maxLength);
}

/** The default page for research results on a topic. */
export function researchPageTitle(topic: string): string {
  return `YouTube research: ${collapse(topic)}`;
}

/** Lower-cased, space-collapsed form for comparing titles. */
export function normalizeTitle(title: string): string {
  return collapse(title.normalize('NFKC')).toLowerCase();
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// A title is a label, not content, so shortening it at a word boundary with "…" is fine.
function shorten(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
