import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorVersionProblems, changelogReleases, type ActorVersionFiles } from '../src/actor-versions.js';
import { REPO_ROOT } from '../src/workspace.js';

const CHANGELOG =
  '# Changelog\n\n## [Unreleased]\n\n## [0.2] - 2026-12-02\n\n### Added\n\n- x\n\n## [0.1] - 2026-11-25\n';

describe('actorVersionProblems', () => {
  const base: ActorVersionFiles = {
    dir: 'actors/a',
    actorVersion: '0.2',
    packageVersion: '0.2.0',
    changelog: CHANGELOG,
  };
  it.each<[string, Partial<ActorVersionFiles>, RegExp[]]>([
    ['all in step', {}, []],
    [
      'a three-part actor.json version',
      { actorVersion: '0.2.0' },
      [/actor\.json: "version" is "0\.2\.0"; Apify versions are MAJOR\.MINOR/],
    ],
    ['no actor.json version', { actorVersion: undefined }, [/actor\.json: "version" is undefined/]],
    [
      'package.json behind',
      { packageVersion: '0.1.0' },
      [/package\.json: "version" is "0\.1\.0"; set it to "0\.2\.0"/],
    ],
    ['no changelog', { changelog: undefined }, [/CHANGELOG\.md is missing: add one with a "## \[0\.2\]" section/]],
    ['a changelog without releases', { changelog: '# Changelog\n\n## [Unreleased]\n' }, [/has no release section/]],
    [
      'a changelog entry but no bump',
      { actorVersion: '0.1', packageVersion: '0.1.0' },
      [/newest release is \[0\.2\] but \.actor\/actor\.json says 0\.1/],
    ],
    [
      'a bump without its entry',
      { actorVersion: '0.3', packageVersion: '0.3.0' },
      [/newest release is \[0\.2\] but \.actor\/actor\.json says 0\.3/],
    ],
  ])('%s', (_label, change, expected) => {
    const problems = actorVersionProblems({ ...base, ...change });
    expect(problems).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(problems[i]).toMatch(pattern));
  });

  it('reads release headings newest first, Unreleased left out', () => {
    expect(changelogReleases(CHANGELOG)).toEqual(['0.2', '0.1']);
  });
});

describe('the actors of this repository', () => {
  const actors = readdirSync(join(REPO_ROOT, 'actors'), { withFileTypes: true }).filter(
    (e) => e.isDirectory() && existsSync(join(REPO_ROOT, 'actors', e.name, '.actor', 'actor.json')),
  );
  it.each(actors.map((e) => e.name))('%s: actor.json, package.json and CHANGELOG.md agree on the version', (name) => {
    const dir = join(REPO_ROOT, 'actors', name);
    const read = (path: string) => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : undefined);
    expect(
      actorVersionProblems({
        dir: `actors/${name}`,
        actorVersion: (JSON.parse(read('.actor/actor.json')!) as { version?: unknown }).version,
        packageVersion: (JSON.parse(read('package.json')!) as { version?: unknown }).version,
        changelog: read('CHANGELOG.md'),
      }),
    ).toEqual([]);
  });

  it('the pnpm new-actor template starts in step', () => {
    const dir = join(REPO_ROOT, 'tooling', 'create-actor', 'template');
    const read = (path: string) => readFileSync(join(dir, path), 'utf8');
    expect(
      actorVersionProblems({
        dir: 'tooling/create-actor/template',
        actorVersion: (JSON.parse(read('.actor/actor.json')) as { version?: unknown }).version,
        packageVersion: (JSON.parse(read('package.json.tmpl')) as { version?: unknown }).version,
        changelog: existsSync(join(dir, 'CHANGELOG.md')) ? read('CHANGELOG.md') : undefined,
      }),
    ).toEqual([]);
  });
});
