/**
 * Environment variables the code reads by name: literal `process.env` keys, and the string
 * constants this repo names `…_VARIABLE` (one name) or `…_VARIABLES` (a list of names).
 */
export function variablesReadIn(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/process\.env(?:\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]|\.([A-Z][A-Z0-9_]*))/g))
    names.add((m[1] ?? m[2])!);
  for (const m of source.matchAll(/_VARIABLES?\s*(?::[^=]+)?=\s*(\[[^\]]*\]|['"][A-Z][A-Z0-9_]*['"])/g)) {
    for (const q of m[1]!.matchAll(/['"]([A-Z][A-Z0-9_]*)['"]/g)) names.add(q[1]!);
  }
  return [...names].sort();
}

/** Whether turbo's pass-through list (exact names or `PREFIX_*` wildcards) lets a variable through. */
export function passesThrough(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}
