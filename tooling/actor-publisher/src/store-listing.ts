// What a Store listing needs from an actor folder: the published JSON-schema references, an input
// example (and the prefilled input Apify's daily test starts the actor with) that the input schema
// accepts, pay-per-event events that match what the code charges and what the README prices, and a
// README with the sections a Store page needs. `pnpm push` refuses a folder with problems, and the
// new-actor template is held to the same rules.

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';

export const SCHEMA_URLS: Readonly<Record<string, string>> = {
  'input_schema.json': 'https://apify.com/schemas/v1/input.ide.json',
  'dataset_schema.json': 'https://apify.com/schemas/v1/dataset.json',
  'output_schema.json': 'https://apify.com/schemas/v1/output.json',
};

/** H2 headings of a Store README, each found by a word it must contain. */
export const README_SECTIONS = [
  'What does',
  'Who is it for',
  'Input',
  'Output',
  'Authorization',
  'Pricing',
  'Limits',
  'FAQ',
  'Privacy',
] as const;

interface InputProperty {
  type?: string;
  default?: unknown;
  prefill?: unknown;
  isSecret?: boolean;
}
interface InputSchema {
  properties?: Record<string, InputProperty>;
  required?: string[];
}
interface PayPerEvent {
  eventTitle?: string;
  eventDescription?: string;
  eventPriceUsd?: number;
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

/** Apify's input schema is JSON Schema plus UI keywords (editor, prefill, sectionCaption...). */
function inputValidator(schema: InputSchema): (input: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile({
    type: 'object',
    properties: schema.properties ?? {},
    required: schema.required ?? [],
  });
  return (input) =>
    validate(input) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(input)'} ${e.message ?? ''}`);
}

/** The event names the source charges: literal `eventName: '…'`, `charge('…')` and `…_EVENT = '…'` constants. */
export async function chargedEvents(srcDir: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const name of await readdir(srcDir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.ts')) continue;
    const text = await readFile(join(srcDir, name), 'utf8');
    for (const m of text.matchAll(/eventName: '([a-z-]+)'|charge\('([a-z-]+)'\)|_EVENT = '([a-z-]+)'/g))
      found.add((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

function schemaProblems(file: string, parsed: unknown): string[] {
  const url = SCHEMA_URLS[file]!;
  const schema = (parsed as { $schema?: unknown } | null)?.$schema;
  return schema === url
    ? []
    : [`.actor/${file}: "$schema" must be "${url}" (the Console and editors validate against it).`];
}

async function inputProblems(actorDir: string): Promise<string[]> {
  const schema = (await readJson(join(actorDir, '.actor', 'input_schema.json'))) as InputSchema;
  const properties = schema.properties ?? {};
  const validate = inputValidator(schema);
  const problems: string[] = [];
  const examplePath = join(actorDir, 'INPUT.example.json');
  if (!existsSync(examplePath)) {
    problems.push(
      'INPUT.example.json is missing: add an input the input schema accepts, for the README and API users.',
    );
  } else {
    const example = (await readJson(examplePath)) as Record<string, unknown>;
    problems.push(...validate(example).map((e) => `INPUT.example.json: ${e}`));
    for (const key of Object.keys(example)) {
      if (properties[key] === undefined) problems.push(`INPUT.example.json: "${key}" is not in the input schema.`);
      // An example never carries a secret (they go in the Console, encrypted).
      else if (properties[key].isSecret === true) problems.push(`INPUT.example.json: "${key}" is a secret field.`);
    }
  }
  // The input the Console fills in (and Apify's daily test runs with): prefills, then defaults.
  const prefilled = Object.fromEntries(
    Object.entries(properties).flatMap(([k, p]) =>
      p.prefill !== undefined ? [[k, p.prefill]] : p.default !== undefined ? [[k, p.default]] : [],
    ),
  );
  problems.push(
    ...validate(prefilled).map((e) => `.actor/input_schema.json: the prefilled input is refused by the schema: ${e}`),
  );
  return problems;
}

async function pricingProblems(actorDir: string, readme: string): Promise<string[]> {
  const path = join(actorDir, '.actor', 'pay_per_event.json');
  const events = existsSync(path) ? ((await readJson(path)) as Record<string, PayPerEvent>) : {};
  const problems: string[] = [];
  for (const [name, event] of Object.entries(events)) {
    if (
      !event.eventTitle ||
      !event.eventDescription ||
      !(typeof event.eventPriceUsd === 'number' && event.eventPriceUsd > 0)
    )
      problems.push(
        `.actor/pay_per_event.json: "${name}" needs eventTitle, eventDescription and a positive eventPriceUsd.`,
      );
  }
  const charged = await chargedEvents(join(actorDir, 'src'));
  for (const name of charged)
    if (!(name in events)) problems.push(`src charges "${name}", which .actor/pay_per_event.json does not price.`);
  for (const name of Object.keys(events))
    if (!charged.has(name)) problems.push(`.actor/pay_per_event.json prices "${name}", which src never charges.`);
  const at = readme.search(/^## Pricing/m);
  const pricing = at < 0 ? '' : readme.slice(at);
  for (const [name, event] of Object.entries(events)) {
    if (!pricing.includes(`\`${name}\``) || !pricing.includes(`$${event.eventPriceUsd}`))
      problems.push(`README.md: the Pricing section must list \`${name}\` at $${event.eventPriceUsd}.`);
  }
  if (!/platform usage/i.test(pricing))
    problems.push('README.md: the Pricing section must say who pays platform usage.');
  return problems;
}

function readmeProblems(readme: string): string[] {
  const prose = readme.replace(/^```[\s\S]*?^```/gm, ''); // a shell comment in a code block is no heading
  const headings = [...prose.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
  const problems = README_SECTIONS.filter((section) => !headings.some((h) => h.includes(section))).map(
    (section) => `README.md: no "## …${section}…" section (a Store page has: ${README_SECTIONS.join(', ')}).`,
  );
  if (/^# /m.test(prose)) problems.push('README.md: no H1 heading: the Store shows the Actor title as the H1.');
  const at = readme.search(/^## Output/m);
  if (at < 0 || !/```json\n\{/.test(readme.slice(at)))
    problems.push('README.md: the Output section needs a ```json example of one dataset item.');
  if (!readme.includes('support@apify.com'))
    problems.push('README.md: say how to keep the Actor out of the daily Store test (support@apify.com).');
  if (!readme.includes('AWAITING_AUTH'))
    problems.push('README.md: explain the AWAITING_AUTH exit (a run waiting for consent that nobody gave).');
  return problems;
}

/** Every problem of the Store listing of the actor folder `actorDir` (empty when it is ready). */
export async function storeListingProblems(actorDir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const file of Object.keys(SCHEMA_URLS)) {
    const path = join(actorDir, '.actor', file);
    if (!existsSync(path)) problems.push(`.actor/${file} is missing.`);
    else problems.push(...schemaProblems(file, await readJson(path)));
  }
  const readmePath = join(actorDir, 'README.md');
  const readme = existsSync(readmePath) ? await readFile(readmePath, 'utf8') : '';
  if (!readme) problems.push('README.md is missing: it is the Store page.');
  if (existsSync(join(actorDir, '.actor', 'input_schema.json'))) problems.push(...(await inputProblems(actorDir)));
  problems.push(...(await pricingProblems(actorDir, readme)));
  problems.push(...readmeProblems(readme));
  return problems;
}
