import { readFileSync } from 'node:fs';

/** Reads an HTML page saved under test/fixtures. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}
