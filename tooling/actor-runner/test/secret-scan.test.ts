import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leaksIn, scanRun, secretsOf } from '../src/secret-scan.js';

const SECRET = 'sk_test_client_secret_0123456789';
const LINK = 'http://127.0.0.1:8787/magicLink/Zm9vYmFyYmF6cXV4cXV1eA';
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function storage(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'secret-scan-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('secret scan of a finished run', () => {
  it('takes the secret values a run was given, leaving out short ones', () => {
    const secrets = secretsOf({
      SCALEKIT_CLIENT_SECRET: SECRET,
      ANTHROPIC_API_KEY: 'short',
      SCALEKIT_CLIENT_ID: 'skc_public_id',
    });
    expect([...secrets.keys()]).toEqual(['SCALEKIT_CLIENT_SECRET']);
  });

  it('names the kind of secret and where it was, never the value', () => {
    const secrets = secretsOf({ SCALEKIT_CLIENT_SECRET: SECRET });
    expect(leaksIn(`connecting with ${SECRET}`, 'stdout', secrets)).toEqual([
      { where: 'stdout', what: 'SCALEKIT_CLIENT_SECRET' },
    ]);
    expect(leaksIn(`open ${LINK} to connect`, 'stderr', secrets)).toEqual([{ where: 'stderr', what: 'a magic link' }]);
    expect(leaksIn('open the Live View to connect', 'stdout', secrets)).toEqual([]);
  });

  it('finds leaks in every storage file but the input the test wrote', async () => {
    const storageDir = await storage({
      'key_value_stores/default/INPUT.json': JSON.stringify({ apiKey: SECRET }),
      'key_value_stores/default/OUTPUT.json': JSON.stringify({ link: LINK }),
      'datasets/default/000000001.json': JSON.stringify({ note: `secret ${SECRET}` }),
      'key_value_stores/default/SDK_SESSION_POOL_STATE.json': '{}',
    });
    const leaks = await scanRun(
      { stdout: 'ok', stderr: '', storageDir },
      secretsOf({ SCALEKIT_CLIENT_SECRET: SECRET }),
    );
    expect(leaks).toEqual(
      expect.arrayContaining([
        { where: 'key_value_stores/default/OUTPUT.json', what: 'a magic link' },
        { where: 'datasets/default/000000001.json', what: 'SCALEKIT_CLIENT_SECRET' },
      ]),
    );
    expect(leaks).toHaveLength(2);
  });
});
