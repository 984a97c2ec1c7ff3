/**
 * URLs of the UI's pages. Values are URL-encoded here and HTML-escaped where they are rendered.
 */

/** Path segments a URL parser collapses or drops, even percent-encoded; those go in the query instead. */
const UNROUTABLE_SEGMENTS = new Set(['', '.', '..']);

/** `/ui/sandboxes/<connector>/<identifier>`, or the query form for identifiers like `..`. */
export function sandboxHref(connector: string, identifier: string): string {
  if (UNROUTABLE_SEGMENTS.has(identifier)) {
    return `/ui/sandbox?${new URLSearchParams({ connector, identifier }).toString()}`;
  }
  return `/ui/sandboxes/${encodeURIComponent(connector)}/${encodeURIComponent(identifier)}`;
}

/** The call log, filtered. */
export function callsHref(filter: { kind?: string; identifier?: string; connector?: string }): string {
  const query = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
  return query === '' ? '/ui/calls' : `/ui/calls?${query}`;
}
