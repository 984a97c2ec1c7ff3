import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passesThrough, variablesReadIn } from '../src/task-environment.js';
import { REPO_ROOT, sourceFiles, workspacePackages } from '../src/workspace.js';

/** The machine's own variables, which turbo passes to every task anyway. */
const SYSTEM = new Set(['PATH', 'HOME']);

describe('variablesReadIn', () => {
  it('finds process.env reads and the *_VARIABLE(S) constants, nothing else', () => {
    const source = [
      "const a = process.env['CHROMIUM_PATH'];",
      'const b = process.env.SCALEKIT_ENV_URL;',
      "export const OPERATOR_VARIABLE = 'AUTH_GATE_OPERATOR_USER_ID';",
      "export const CREDENTIAL_VARIABLES: readonly string[] = ['SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET'];",
      "const status = 'AWAITING_AUTH';",
      'const dynamic = process.env[name];',
    ].join('\n');
    expect(variablesReadIn(source)).toEqual([
      'AUTH_GATE_OPERATOR_USER_ID',
      'CHROMIUM_PATH',
      'SCALEKIT_CLIENT_ID',
      'SCALEKIT_CLIENT_SECRET',
      'SCALEKIT_ENV_URL',
    ]);
  });

  it('matches exact names and PREFIX_* wildcards', () => {
    expect(passesThrough('SCALEKIT_ENV_URL', ['SCALEKIT_*'])).toBe(true);
    expect(passesThrough('CHROMIUM_PATH', ['CHROMIUM_PATH'])).toBe(true);
    expect(passesThrough('CHROMIUM', ['CHROMIUM_PATH'])).toBe(false);
    expect(passesThrough('ANTHROPIC_API_KEY', ['SCALEKIT_*'])).toBe(false);
  });
});

describe('turbo.json', () => {
  it('passes every variable the code reads through to its tasks (strict env mode strips the rest)', () => {
    const turbo = JSON.parse(readFileSync(join(REPO_ROOT, 'turbo.json'), 'utf8')) as {
      globalPassThroughEnv?: string[];
    };
    const patterns = turbo.globalPassThroughEnv ?? [];
    const missing = new Map<string, string>();
    for (const pkg of workspacePackages()) {
      for (const file of sourceFiles(join(REPO_ROOT, pkg.dir, 'src'))) {
        for (const name of variablesReadIn(readFileSync(file, 'utf8'))) {
          if (!SYSTEM.has(name) && !passesThrough(name, patterns)) missing.set(name, `${pkg.dir}/src`);
        }
      }
    }
    expect(Object.fromEntries(missing), 'add these to globalPassThroughEnv in turbo.json').toEqual({});
  });
});
