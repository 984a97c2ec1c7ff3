import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDeterministicDigest, createAnalysisContext, analyzeMail } from '../src/digest/index.js';
import { parseGmailMessage } from '../src/mail/index.js';
import { toMessageItems } from '../src/output/dataset-items.js';
import { emailSubject, summaryLine } from '../src/output/run-output.js';
import { allFixtures, NOW, TIME_ZONE, USER } from './fixtures/gmail-messages.js';

interface JsonSchema {
  type?: string | string[];
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

const datasetSchema = JSON.parse(readFileSync(new URL('../.actor/dataset_schema.json', import.meta.url), 'utf8')) as {
  fields: JsonSchema;
  views: Record<string, { transformation: { fields: string[] }; display: { properties: Record<string, unknown> } }>;
};

/** The subset of JSON Schema the dataset schema uses, enough to catch drift between code and schema. */
function violations(value: unknown, schema: JsonSchema, path = 'item'): string[] {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const actual =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : typeof value === 'number' && Number.isInteger(value)
          ? 'integer'
          : typeof value;
  if (types.length > 0 && !types.includes(actual) && !(actual === 'integer' && types.includes('number')))
    return [`${path}: ${actual} is not ${types.join('|')}`];
  if (schema.enum !== undefined && !schema.enum.includes(value as string))
    return [`${path}: ${String(value)} not in enum`];
  const out: string[] = [];
  if (actual === 'object' && schema.properties !== undefined) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) out.push(`${path}.${key}: missing`);
    for (const [key, v] of Object.entries(record)) {
      const property = schema.properties[key];
      if (property === undefined) out.push(`${path}.${key}: not in the schema`);
      else out.push(...violations(v, property, `${path}.${key}`));
    }
  }
  if (actual === 'array' && schema.items !== undefined)
    (value as unknown[]).forEach((v, i) => out.push(...violations(v, schema.items!, `${path}[${i}]`)));
  return out;
}

const mails = allFixtures.map(parseGmailMessage);
const options = { now: NOW, timeZone: TIME_ZONE, userAddresses: [USER] };
const context = createAnalysisContext(mails, options);
const analyses = mails.map((m) => analyzeMail(m, context));
const labels = new Map([['Label_7', 'Receipts']]);

describe('dataset items', () => {
  it('match the dataset schema, with and without bodies', () => {
    for (const includeBodies of [false, true]) {
      const items = toMessageItems(analyses, labels, includeBodies);
      expect(items).toHaveLength(mails.length);
      for (const item of items) expect(violations(item, datasetSchema.fields)).toEqual([]);
    }
  });

  it('hold no mail text unless bodies were asked for', () => {
    const without = toMessageItems(analyses, labels, false);
    expect(without.every((i) => !('body' in i))).toBe(true);
    const serialized = JSON.stringify(without);
    const longBody = mails.map((m) => m.bodyText).sort((a, b) => b.length - a.length)[0]!;
    expect(serialized).not.toContain(longBody.slice(0, 200));
    const withBodies = toMessageItems(analyses, labels, true);
    expect(withBodies.map((i) => i.body)).toEqual(expect.arrayContaining([longBody]));
  });

  it('are newest first and show user labels by name', () => {
    const items = toMessageItems(
      analyses,
      new Map(mails.flatMap((m) => m.labelIds.map((id): [string, string] => [id, `name of ${id}`]))),
      false,
    );
    expect(items.map((i) => i.date)).toEqual([...items.map((i) => i.date)].sort().reverse());
    expect(items.every((i) => i.labels.every((l) => l.startsWith('name of ')))).toBe(true);
  });

  it('every view shows only fields that exist', () => {
    const fields = Object.keys(datasetSchema.fields.properties ?? {});
    for (const view of Object.values(datasetSchema.views)) {
      for (const field of view.transformation.fields) expect(fields).toContain(field);
      for (const field of Object.keys(view.display.properties)) expect(view.transformation.fields).toContain(field);
    }
  });
});

describe('run summary', () => {
  it('says who wrote the digest, and what an empty run means', () => {
    const digest = buildDeterministicDigest(mails, options);
    expect(summaryLine(digest, 'lastDigest', '2024-12-03T08:00:00.000Z')).toMatch(
      new RegExp(
        `^Digest of ${mails.length} mails in \\d+ threads, \\d+ needs? attention today, by the deterministic rules \\(no LLM\\)\\.$`,
      ),
    );
    const empty = buildDeterministicDigest([], options);
    expect(summaryLine(empty, 'lastDigest', '2024-12-03T08:00:00.000Z')).toBe(
      'No new mail since 2024-12-03T08:00:00.000Z.',
    );
    expect(summaryLine(empty, 'lookback', '2024-12-03T08:00:00.000Z')).toBe(
      'No mail in the look-back window (since 2024-12-03T08:00:00.000Z).',
    );
    expect(emailSubject(digest)).toMatch(/^Gmail digest 2024-12-04: \d+ mails, \d+ needs? attention$/);
  });
});
