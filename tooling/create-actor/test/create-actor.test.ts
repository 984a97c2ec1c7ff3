import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storeListingProblems } from '@repo/actor-publisher';
import { createActor } from '../src/create-actor.js';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('pnpm new-actor', () => {
  it('writes a complete actor wired to auth-gate, with every placeholder filled', async () => {
    root = await mkdtemp(join(tmpdir(), 'new-actor-'));
    const files = await createActor({ root, name: 'hubspot-notes', connection: 'hubspot' });
    expect(files).toEqual([
      'actors/hubspot-notes/.actor/actor.json',
      'actors/hubspot-notes/.actor/dataset_schema.json',
      'actors/hubspot-notes/.actor/input_schema.json',
      'actors/hubspot-notes/.actor/output_schema.json',
      'actors/hubspot-notes/.env.example',
      'actors/hubspot-notes/CHANGELOG.md',
      'actors/hubspot-notes/INPUT.example.json',
      'actors/hubspot-notes/README.md',
      'actors/hubspot-notes/package.json',
      'actors/hubspot-notes/src/actor.ts',
      'actors/hubspot-notes/src/main.ts',
      'actors/hubspot-notes/tsconfig.build.json',
      'actors/hubspot-notes/tsconfig.json',
    ]);
    for (const file of files) expect(await readFile(join(root, file), 'utf8')).not.toMatch(/__[A-Z_]+__/);
    const pkg = JSON.parse(await readFile(join(root, 'actors/hubspot-notes/package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg['name']).toBe('hubspot-notes');
    // The template starts through runGatedActor with a zod input schema: both are dependencies.
    expect(pkg['dependencies']).toMatchObject({ '@repo/auth-gate': 'workspace:*', zod: expect.any(String) });
    const actorJson = JSON.parse(
      await readFile(join(root, 'actors/hubspot-notes/.actor/actor.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(actorJson).toMatchObject({
      name: 'hubspot-notes',
      title: 'Hubspot Notes',
      dockerContextDir: '../../..',
      dockerfile: '../../Dockerfile',
    });
    const actorTs = await readFile(join(root, 'actors/hubspot-notes/src/actor.ts'), 'utf8');
    expect(actorTs).toContain("const CONNECTION = 'hubspot';");
    expect(actorTs).toContain('await runGatedActor(');
    const readme = await readFile(join(root, 'actors/hubspot-notes/README.md'), 'utf8');
    expect(readme).toContain('## What does Hubspot Notes do?');
    expect(readme).toContain('**Connect hubspot**');
  });

  it('writes an actor whose Store listing is complete (the checks `pnpm push` applies)', async () => {
    root = await mkdtemp(join(tmpdir(), 'new-actor-'));
    await createActor({ root, name: 'hubspot-notes', connection: 'hubspot' });
    expect(await storeListingProblems(join(root, 'actors/hubspot-notes'))).toEqual([]);
  });

  it('refuses a bad name and an existing folder', async () => {
    root = await mkdtemp(join(tmpdir(), 'new-actor-'));
    await expect(createActor({ root, name: 'Bad Name' })).rejects.toThrow('not a valid actor name');
    await createActor({ root, name: 'my-actor' });
    await expect(createActor({ root, name: 'my-actor' })).rejects.toThrow('actors/my-actor already exists');
    await expect(createActor({ root, name: 'other-actor', connection: 'hub spot' })).rejects.toThrow(
      '"hub spot" is not a valid Scalekit connection name.',
    );
  });

  it('keeps a connection name with capitals as it is (Scalekit matches names exactly)', async () => {
    root = await mkdtemp(join(tmpdir(), 'new-actor-'));
    await createActor({ root, name: 'crm-notes', connection: 'HubSpot-Prod' });
    const actorTs = await readFile(join(root, 'actors/crm-notes/src/actor.ts'), 'utf8');
    expect(actorTs).toContain("const CONNECTION = 'HubSpot-Prod';");
  });
});
