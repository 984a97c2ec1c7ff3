import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { layerViolations, type LayerViolation, type SourceFile } from './layers.js';
import { REPO_ROOT, sourceFiles, workspacePackages } from './workspace.js';

/** The layer rule applied to a repository on disk: manifests, and the files of `src/` and `test/`. */
export function repositoryLayerViolations(root: string = REPO_ROOT): LayerViolation[] {
  const packages = workspacePackages(root);
  const files = new Map<string, SourceFile[]>();
  for (const pkg of packages) {
    files.set(
      pkg.dir,
      ['src', 'test']
        .flatMap((folder) => sourceFiles(join(root, pkg.dir, folder)))
        .map((path) => ({
          path: relative(root, path).split('\\').join('/'),
          text: readFileSync(path, 'utf8'),
        })),
    );
  }
  return layerViolations(packages, files);
}
