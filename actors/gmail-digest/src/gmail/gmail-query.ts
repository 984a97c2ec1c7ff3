// The Gmail search query of a run, built from the input and the per-user cursor. Pure, so every
// combination can be tested without a mailbox.

export interface QueryParts {
  /** Only mail received at or after this instant (epoch seconds); null for no lower bound. */
  afterEpochSeconds: number | null;
  /** Mail with any of these labels (names as the user sees them). */
  includeLabels: readonly string[];
  /** Mail with none of these labels. */
  excludeLabels: readonly string[];
  /** The user's own Gmail search query; '' for none. */
  userQuery: string;
}

/**
 * A label name as Gmail's `label:` operator expects it: Gmail matches label names case-insensitively
 * and writes spaces and nesting slashes as hyphens ("Work/Projects" -> `label:work-projects`).
 * Characters that would end the term or open a group are dropped.
 */
export function labelTerm(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/["(){}]/g, '')
    .replace(/[\s/]+/g, '-');
  return `label:${slug}`;
}

/** The label name in the form Gmail compares it (see labelTerm), to match input against the mailbox's labels. */
export function normalizeLabelName(name: string): string {
  return labelTerm(name).slice('label:'.length);
}

/**
 * `after:<seconds> {label:a label:b} -label:c (<user query>)`. The user's query is grouped so an
 * `OR` inside it cannot swallow the date bound or the label filters.
 */
export function buildGmailQuery(parts: QueryParts): string {
  const terms: string[] = [];
  if (parts.afterEpochSeconds !== null) terms.push(`after:${Math.max(0, Math.floor(parts.afterEpochSeconds))}`);
  const include = parts.includeLabels.map(labelTerm).filter((t) => t !== 'label:');
  if (include.length === 1) terms.push(include[0]!);
  else if (include.length > 1) terms.push(`{${include.join(' ')}}`);
  for (const term of parts.excludeLabels.map(labelTerm)) if (term !== 'label:') terms.push(`-${term}`);
  const user = parts.userQuery.trim();
  if (user !== '') terms.push(`(${user})`);
  return terms.join(' ');
}
