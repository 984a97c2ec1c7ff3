// What a Store listing needs from each actor folder, checked for every actor under actors/: the
// published JSON-schema references, an input example (and the prefilled input Apify's daily test
// starts the actor with) valid against the input schema, pay-per-event events that match what the
// code charges and what the README prices, and a README with the sections a Store page needs.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCHEMA_URLS: Record<string, string> = {
  'input_schema.json': 'https://apify.com/schemas/v1/input.ide.json',
  'dataset_schema.json': 'https://apify.com/schemas/v1/dataset.json',
  'output_schema.json': 'https://apify.com/schemas/v1/output.json',
};
/** H2 headings of a Store README, each found by a word it must contain. */
const README_SECTIONS = [
  'What does',
  'Who is it for',
  'Input',
  'Output',
  'Authorization',
  'Pricing',
  'Limits',
  'FAQ',
  'Privacy',
];

interface InputProperty {
  type: string;
  default?: unknown;
  prefill?: unknown;
  isSecret?: boolean;
}
interface InputSchema {
  properties: Record<string, InputProperty>;
  required?: string[];
}
interface PayPerEvent {
  eventTitle: string;
  eventDescription: string;
  eventPriceUsd: number;
}

const actors = (await readdir(join(REPO_ROOT, 'actors'), { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

async function json<T>(...path: string[]): Promise<T> {
  return JSON.parse(await readFile(join(REPO_ROOT, ...path), 'utf8')) as T;
}

/** Apify's input schema is JSON Schema plus UI keywords (editor, prefill, sectionCaption...). */
function validatorFor(schema: InputSchema): (input: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile({ type: 'object', properties: schema.properties, required: schema.required ?? [] });
  return (input) =>
    validate(input) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(input)'} ${e.message ?? ''}`);
}

/** The event names the source charges: literal `eventName: '…'`, `charge('…')` and `…_EVENT = '…'` constants. */
async function chargedEvents(dir: string): Promise<Set<string>> {
  const found = new Set<string>();
  const walk = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.ts')) {
        const text = await readFile(full, 'utf8');
        for (const m of text.matchAll(/eventName: '([a-z-]+)'|charge\('([a-z-]+)'\)|_EVENT = '([a-z-]+)'/g))
          found.add((m[1] ?? m[2] ?? m[3])!);
      }
    }
  };
  await walk(join(dir, 'src'));
  return found;
}

describe.each(actors)('Store listing of %s', (actor) => {
  it("references Apify's published schema in its input, dataset and output schemas", async () => {
    for (const [file, url] of Object.entries(SCHEMA_URLS)) {
      expect((await json<{ $schema?: string }>('actors', actor, '.actor', file)).$schema, file).toBe(url);
    }
  });

  it('has an INPUT.example.json, and a prefilled input, that the input schema accepts', async () => {
    const schema = await json<InputSchema>('actors', actor, '.actor', 'input_schema.json');
    const validate = validatorFor(schema);
    const example = await json<Record<string, unknown>>('actors', actor, 'INPUT.example.json');
    expect(validate(example)).toEqual([]);
    expect(Object.keys(example).filter((k) => schema.properties[k] === undefined)).toEqual([]);
    // An example never carries a secret (they go in the Console, encrypted).
    expect(Object.keys(example).filter((k) => schema.properties[k]?.isSecret === true)).toEqual([]);
    // The input the Console fills in (and Apify's daily test runs with): prefills, then defaults.
    const prefilled = Object.fromEntries(
      Object.entries(schema.properties).flatMap(([k, p]) =>
        p.prefill !== undefined ? [[k, p.prefill]] : p.default !== undefined ? [[k, p.default]] : [],
      ),
    );
    expect(validate(prefilled)).toEqual([]);
  });

  it('prices exactly the events its code charges, and its README lists each with its price', async () => {
    const events = await json<Record<string, PayPerEvent>>('actors', actor, '.actor', 'pay_per_event.json');
    for (const [name, event] of Object.entries(events)) {
      expect(event.eventTitle, name).toBeTruthy();
      expect(event.eventDescription, name).toBeTruthy();
      expect(event.eventPriceUsd, name).toBeGreaterThan(0);
    }
    expect([...(await chargedEvents(join(REPO_ROOT, 'actors', actor)))].sort()).toEqual(Object.keys(events).sort());
    const readme = await readFile(join(REPO_ROOT, 'actors', actor, 'README.md'), 'utf8');
    const pricing = readme.slice(readme.search(/^## Pricing/m));
    for (const [name, event] of Object.entries(events)) {
      expect(pricing, name).toContain(`\`${name}\``);
      expect(pricing, name).toContain(`$${event.eventPriceUsd}`);
    }
    expect(pricing).toMatch(/platform usage/i);
  });

  it('has a README with the sections of a Store page, an output example and the daily-test exclusion', async () => {
    const readme = await readFile(join(REPO_ROOT, 'actors', actor, 'README.md'), 'utf8');
    const prose = readme.replace(/^```[\s\S]*?^```/gm, ''); // a shell comment in a code block is no heading
    const headings = [...prose.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    for (const section of README_SECTIONS)
      expect(
        headings.some((h) => h.includes(section)),
        `## …${section}… in ${headings.join(' | ')}`,
      ).toBe(true);
    expect(prose).not.toMatch(/^# /m); // the Store shows the Actor's title as the H1
    const output = readme.slice(readme.search(/^## Output/m));
    expect(output).toMatch(/```json\n\{/);
    expect(readme).toContain('support@apify.com');
    expect(readme).toContain('AWAITING_AUTH');
  });
});

describe('the new-actor template', () => {
  it('references the published input schema too', async () => {
    expect(
      (await json<{ $schema?: string }>('tooling', 'create-actor', 'template', '.actor', 'input_schema.json')).$schema,
    ).toBe(SCHEMA_URLS['input_schema.json']);
  });
});
