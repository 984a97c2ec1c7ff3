import { posix } from 'node:path';
import ts from 'typescript';

/**
 * The layer rule (CONTRIBUTING.md): a package's top folder is its layer, and a layer may only use
 * the layers listed here. Libraries (packages/) stay reusable by never reaching up into the
 * actors or the tooling built on them; actors and tooling are not restricted by this check.
 */
export const FORBIDDEN_LAYERS: Readonly<Record<string, readonly string[]>> = {
  packages: ['actors', 'tooling'],
};

/** What the check needs of a workspace package (see `workspacePackages`). */
export interface LayeredPackage {
  name: string;
  /** Relative to the repository root, forward slashes: `packages/auth-gate`. */
  dir: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** One source file of a package, its path relative to the repository root. */
export interface SourceFile {
  path: string;
  text: string;
}

export interface LayerViolation {
  /** The package that breaks the rule (its folder). */
  from: string;
  /** The package or folder it reaches (its folder). */
  to: string;
  /** `dependencies`, `devDependencies`, or the file that imports it. */
  via: string;
}

/** `packages/auth-gate` -> `packages`. */
export function layerOf(dir: string): string {
  return dir.split('/')[0] ?? dir;
}

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every module a TypeScript/JavaScript file loads: static and type imports, re-exports, `import()`, `require()`. */
export function moduleSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

function forbidden(fromDir: string, toDir: string): boolean {
  return (FORBIDDEN_LAYERS[layerOf(fromDir)] ?? []).includes(layerOf(toDir));
}

/** The workspace package folder that holds a repository-relative path, if any. */
function packageHolding(path: string, packages: readonly LayeredPackage[]): LayeredPackage | undefined {
  return packages.find((p) => path === p.dir || path.startsWith(`${p.dir}/`));
}

/**
 * Every place where a package uses a layer it must not: a workspace dependency (runtime or dev),
 * or an import in one of its files, by package name or by a relative path out of its folder.
 * `files` maps a package folder to its source files.
 */
export function layerViolations(
  packages: readonly LayeredPackage[],
  files: ReadonlyMap<string, readonly SourceFile[]> = new Map(),
): LayerViolation[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const found: LayerViolation[] = [];
  for (const pkg of packages) {
    for (const field of ['dependencies', 'devDependencies'] as const) {
      for (const name of Object.keys(pkg[field])) {
        const target = byName.get(name);
        if (target && forbidden(pkg.dir, target.dir)) found.push({ from: pkg.dir, to: target.dir, via: field });
      }
    }
    for (const file of files.get(pkg.dir) ?? []) {
      for (const specifier of moduleSpecifiers(file.text)) {
        let to: string | undefined;
        if (specifier.startsWith('.')) {
          const resolved = posix.normalize(posix.join(posix.dirname(file.path), specifier));
          if (resolved === pkg.dir || resolved.startsWith(`${pkg.dir}/`)) continue;
          to = packageHolding(resolved, packages)?.dir ?? resolved;
        } else {
          to = byName.get(packageNameOf(specifier))?.dir;
        }
        if (to !== undefined && forbidden(pkg.dir, to)) found.push({ from: pkg.dir, to, via: file.path });
      }
    }
  }
  return found;
}

/** One line per violation, saying what to do about it. */
export function describeViolation(v: LayerViolation): string {
  const where =
    v.via === 'dependencies' || v.via === 'devDependencies'
      ? `lists it in ${v.via} of ${v.from}/package.json`
      : `imports it in ${v.via}`;
  return `${v.from} uses ${v.to} (${where}): a library under ${layerOf(v.from)}/ must not depend on ${layerOf(v.to)}/. Move the shared code into a library under packages/, or move the test or program that needs ${v.to} to tooling/.`;
}
