import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

/** Folder of a built actor of this workspace (a dependency of the bench, so turbo builds it first). */
export function actorDir(name: 'crawl-to-notion' | 'gmail-digest' | 'notion-youtube-agent'): string {
  return dirname(require.resolve(`${name}/package.json`));
}
