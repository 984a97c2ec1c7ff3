/**
 * The versioning rule of CONTRIBUTING.md: an Actor's `.actor/actor.json` version is Apify's
 * `MAJOR.MINOR`, its package.json says the same as `MAJOR.MINOR.0`, and its CHANGELOG.md's newest
 * release heading (`## [MAJOR.MINOR]`, after `## [Unreleased]`) is that version.
 */
export interface ActorVersionFiles {
  /** Folder relative to the repository root, e.g. `actors/gmail-digest`. */
  dir: string;
  /** `version` of `.actor/actor.json`, if any. */
  actorVersion: unknown;
  /** `version` of package.json, if any. */
  packageVersion: unknown;
  /** CHANGELOG.md's text, or undefined when the file is missing. */
  changelog: string | undefined;
}

const APIFY_VERSION = /^\d+\.\d+$/;

/** Release headings of a Keep a Changelog file, newest first: `## [0.2] - 2026-12-02` -> `0.2`. */
export function changelogReleases(text: string): string[] {
  return [...text.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]!).filter((v) => v.toLowerCase() !== 'unreleased');
}

export function actorVersionProblems(files: ActorVersionFiles): string[] {
  const { dir, actorVersion, packageVersion, changelog } = files;
  if (typeof actorVersion !== 'string' || !APIFY_VERSION.test(actorVersion)) {
    return [
      `${dir}/.actor/actor.json: "version" is ${JSON.stringify(actorVersion)}; Apify versions are MAJOR.MINOR, e.g. "0.2".`,
    ];
  }
  const problems: string[] = [];
  if (packageVersion !== `${actorVersion}.0`) {
    problems.push(
      `${dir}/package.json: "version" is ${JSON.stringify(packageVersion)}; set it to "${actorVersion}.0", in step with .actor/actor.json.`,
    );
  }
  if (changelog === undefined) {
    problems.push(
      `${dir}/CHANGELOG.md is missing: add one with a "## [${actorVersion}]" section (see CONTRIBUTING.md, Versions).`,
    );
  } else {
    const newest = changelogReleases(changelog)[0];
    if (newest !== actorVersion) {
      problems.push(
        newest === undefined
          ? `${dir}/CHANGELOG.md has no release section: add "## [${actorVersion}] - <date>" describing this version.`
          : `${dir}/CHANGELOG.md's newest release is [${newest}] but .actor/actor.json says ${actorVersion}: bump the version or add its "## [${actorVersion}]" section.`,
      );
    }
  }
  return problems;
}
