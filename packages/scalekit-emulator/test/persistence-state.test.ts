import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  StateFileError,
  startEmulator,
  type ConnectionConfig,
  type EmulatorOptions,
  type SandboxKind,
} from '../src/index.js';
import { ConnectorStatus } from '../src/sdk-protocol.js';
import { approveLink, connectAccount, startWithClient, type EmulatorFixture } from './support/connected-client.js';

const ACME: ConnectionConfig = { name: 'acme', provider: 'ACME', auth: 'OAUTH' };

let dir: string;
let statePath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
  statePath = join(dir, 'state.json');
});

const started: EmulatorFixture[] = [];

afterEach(async () => {
  // Close first: an open emulator saves on close (and shortly after each request), and a save
  // racing the removal leaves a temp file behind in a half-removed folder. afterEach runs before
  // onTestFinished, so the closing happens here. close() twice is harmless: tests close
  // explicitly to simulate a restart.
  await Promise.all(started.splice(0).map((f) => f.emulator.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(options: EmulatorOptions = {}): Promise<EmulatorFixture> {
  const f = await startWithClient({ connections: [ACME], persistPath: statePath, ...options });
  started.push(f);
  return f;
}

async function resourceNames({ client }: EmulatorFixture, identifier: string): Promise<string[]> {
  const response = await client.actions.request({ connectionName: 'acme', identifier, path: '/resources' });
  return (response.data as { results: { name: string }[] }).results.map((r) => r.name);
}

async function startError(): Promise<unknown> {
  return startEmulator({ connections: [ACME], persistPath: statePath }).then(
    async (emulator) => {
      await emulator.close();
      throw new Error('expected the start to fail');
    },
    (error: unknown) => error,
  );
}

describe('persistence to a state file', () => {
  it('restores accounts (same id, ACTIVE), runtime connections and sandbox resources after a restart', async () => {
    const first = await start();
    const aliceId = await connectAccount(first.client, 'acme', 'alice');
    await first.client.actions.request({
      connectionName: 'acme',
      identifier: 'alice',
      path: '/resources',
      method: 'POST',
      body: { name: 'Roadmap', data: { q: 3 } },
    });
    await first.client.actions.executeTool({
      toolName: 'acme_resource_create',
      toolInput: { name: 'Notes' },
      connector: 'acme',
      identifier: 'alice',
    });
    await first.emulator.admin.addConnection({ name: 'keyed', provider: 'KEYED', auth: 'API_KEY' });
    await first.client.actions.getOrCreateConnectedAccount({ connectionName: 'keyed', identifier: 'bob' });
    const { link } = await first.client.actions.getAuthorizationLink({ connectionName: 'keyed', identifier: 'bob' });
    expect((await approveLink(link, { api_key: 'k-123' })).status).toBe(200);
    const { link: unusedLink } = await first.client.actions.getAuthorizationLink({
      connectionName: 'acme',
      identifier: 'alice',
    });
    await first.emulator.close();

    const second = await start();
    const alice = (await second.client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'alice' }))
      .connectedAccount!;
    expect(alice.id).toBe(aliceId);
    expect(alice.status).toBe(ConnectorStatus.ACTIVE);
    expect(alice.authorizationDetails?.details.case).toBe('oauthToken');
    expect(await resourceNames(second, 'alice')).toEqual(['Roadmap', 'Notes']);
    // The id counter is restored too, so new resources never reuse an id.
    const created = await second.client.actions.request({
      connectionName: 'acme',
      identifier: 'alice',
      path: '/resources',
      method: 'POST',
      body: { name: 'Later' },
    });
    expect((created.data as { id: string }).id).toBe('res_3');

    const bob = (await second.client.actions.getConnectedAccount({ connectionName: 'keyed', identifier: 'bob' }))
      .connectedAccount!;
    expect(bob.status).toBe(ConnectorStatus.ACTIVE);
    expect(bob.authorizationDetails?.details).toMatchObject({
      case: 'staticAuth',
      value: { details: { api_key: 'k-123' } },
    });
    expect(second.emulator.environment.connections.get('keyed')?.auth).toBe('API_KEY');
    // Magic links are short-lived and not persisted: an old one is unknown after the restart (on a new port).
    expect((await fetch(new URL(new URL(unusedLink).pathname, second.emulator.envUrl))).status).toBe(404);
  });

  it('writes the file with mode 0600, a version field and no client-credential tokens, atomically (no temp files left)', async () => {
    const f = await start();
    await connectAccount(f.client, 'acme', 'alice');
    await f.emulator.close();

    expect((await stat(statePath)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(saved).sort()).toEqual(['accounts', 'connections', 'format', 'sandboxes', 'version']);
    expect(saved['version']).toBe(1);
    // Configured connections come from the options of each start; only runtime ones are saved.
    expect(saved['connections']).toEqual([]);
  });

  it('saves shortly after a change, without waiting for close (a crash keeps the state)', async () => {
    const f = await start();
    const id = await connectAccount(f.client, 'acme', 'alice');

    await vi.waitFor(
      async () => {
        const text = await readFile(statePath, 'utf8');
        expect(text).toContain(id);
        expect(text).toContain('"status": "ACTIVE"');
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('restores sandboxes without exportState by seeding them again', async () => {
    const created: (string | undefined)[] = [];
    const plain: SandboxKind = {
      provider: 'PLAIN',
      tools: () => [],
      create: (context, saved) => {
        created.push(`${context.identifier}:${saved === undefined ? 'seeded' : 'restored'}`);
        return { executeTool: () => ({}), handleRequest: () => ({ status: 200, body: {} }), snapshot: () => ({}) };
      },
    };
    const options = {
      connections: [ACME, { name: 'plain', provider: 'PLAIN', auth: 'OAUTH' as const }],
      sandboxKinds: [plain],
    };
    const first = await start(options);
    await connectAccount(first.client, 'plain', 'u1');
    await first.client.actions.request({ connectionName: 'plain', identifier: 'u1', path: '/x' });
    await first.emulator.close();

    const second = await start(options);

    expect(created).toEqual(['u1:seeded', 'u1:seeded']);
    expect(second.emulator.environment.sandboxes.find('plain', 'u1')).toBeDefined();
  });

  it('a corrupt file fails the start with an error naming the file and the fix, and leaves the file alone', async () => {
    await writeFile(statePath, '{"format": "scalekit-emulator-state", "version": 1, "accou');

    const error = await startError();

    expect(error).toBeInstanceOf(StateFileError);
    const message = (error as Error).message;
    expect(message).toContain(`"${statePath}"`);
    expect(message).toContain('not valid JSON');
    expect(message).toContain('Delete that file');
    expect(await readFile(statePath, 'utf8')).toBe('{"format": "scalekit-emulator-state", "version": 1, "accou');
  });

  it('an incompatible or foreign file is refused with a clear reason', async () => {
    const cases: [unknown, string][] = [
      [
        { format: 'scalekit-emulator-state', version: 99, connections: [], accounts: [], sandboxes: [] },
        'state version 99',
      ],
      [{ hello: 'world' }, 'not an emulator state file'],
      [[1, 2], 'the file must be an object'],
      [
        { format: 'scalekit-emulator-state', version: 1, connections: [], accounts: [{ id: 'ca_1' }], sandboxes: [] },
        'accounts[0].connector must be a string',
      ],
    ];
    for (const [content, reason] of cases) {
      await writeFile(statePath, JSON.stringify(content));
      const error = await startError();
      expect(error).toBeInstanceOf(StateFileError);
      expect((error as Error).message).toContain(reason);
      expect((error as Error).message).toContain(statePath);
    }
  });

  it('refuses to drop accounts whose connection the new start lacks', async () => {
    const first = await start();
    await connectAccount(first.client, 'acme', 'alice');
    await first.emulator.close();

    const error = await startEmulator({ persistPath: statePath }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toContain('belongs to connection "acme"');
  });

  it('a missing file (and folder) is a fresh start, and close creates it', async () => {
    statePath = join(dir, 'nested', 'deeper', 'state.json');
    const f = await start();
    expect(await f.emulator.admin.accounts()).toEqual([]);
    await f.emulator.close();

    const saved = JSON.parse(await readFile(statePath, 'utf8')) as { accounts: unknown[] };
    expect(saved.accounts).toEqual([]);
  });
});
