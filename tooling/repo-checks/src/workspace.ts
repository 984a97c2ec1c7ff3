import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's top folder (this package lives in tooling/repo-checks). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The folders whose children are workspace packages (pnpm-workspace.yaml's `<folder>/*` globs). */
export function workspaceFolders(root: string = REPO_ROOT): string[] {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  return [...yaml.matchAll(/^\s*-\s*['"]?([\w.-]+)\/\*['"]?\s*$/gm)].map((m) => m[1]!);
}

export interface WorkspacePackage {
  name: string;
  /** Relative to the repository root, with forward slashes: `packages/auth-gate`. */
  dir: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

export function workspacePackages(root: string = REPO_ROOT): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const folder of workspaceFolders(root)) {
    const parent = join(root, folder);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const manifest = join(parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as Partial<WorkspacePackage>;
      found.push({
        name: json.name ?? entry.name,
        dir: relative(root, join(parent, entry.name)).split('\\').join('/'),
        dependencies: json.dependencies ?? {},
        devDependencies: json.devDependencies ?? {},
      });
    }
  }
  return found;
}

/** Every `.ts` file under a folder, `node_modules` and `dist` left out. */
export function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}
