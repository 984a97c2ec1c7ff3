import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, parseInput, type ActorInput } from '../src/input.js';
import { InputError } from '../src/errors.js';

interface SchemaProperty {
  type: string;
  title?: string;
  description?: string;
  editor?: string;
  default?: unknown;
  prefill?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  isSecret?: boolean;
}

const schema = JSON.parse(readFileSync(new URL('../.actor/input_schema.json', import.meta.url), 'utf8')) as {
  properties: Record<string, SchemaProperty>;
};

function inputError(raw: unknown, env: Record<string, string> = {}): string {
  try {
    parseInput(raw, env);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('parseInput', () => {
  it('fills every default for an empty input (plain node runs get no platform defaults)', () => {
    expect(parseInput({}, {})).toEqual<ActorInput>({
      since: 'lastDigest',
      lookbackHours: 24,
      query: DEFAULT_QUERY,
      maxMessages: 200,
      includeLabels: [],
      excludeLabels: [],
      timeZone: 'UTC',
      includeBodies: false,
      sendToSelf: false,
      useClaude: true,
      anthropicApiKey: null,
      model: 'claude-sonnet-5',
      maxInputTokensPerBatch: 30_000,
    });
    expect(parseInput(null, {})).toEqual(parseInput({}, {}));
  });

  it('keeps an explicitly cleared query (no filter) apart from a missing one (the default filter)', () => {
    expect(parseInput({ query: '' }, {}).query).toBe('');
    expect(parseInput({ query: null }, {}).query).toBe(DEFAULT_QUERY);
    expect(parseInput({ query: '  in:inbox  ' }, {}).query).toBe('in:inbox');
  });

  it('takes the key from the input, else from ANTHROPIC_API_KEY, and drops it when Claude is off', () => {
    expect(parseInput({ anthropicApiKey: ' sk-input ' }, { ANTHROPIC_API_KEY: 'sk-env' }).anthropicApiKey).toBe(
      'sk-input',
    );
    expect(parseInput({ anthropicApiKey: '' }, { ANTHROPIC_API_KEY: 'sk-env' }).anthropicApiKey).toBe('sk-env');
    expect(parseInput({}, { ANTHROPIC_API_KEY: '  ' }).anthropicApiKey).toBeNull();
    expect(
      parseInput({ useClaude: false, anthropicApiKey: 'sk-input' }, { ANTHROPIC_API_KEY: 'sk-env' }).anthropicApiKey,
    ).toBeNull();
  });

  it('trims and de-duplicates label lists', () => {
    expect(parseInput({ includeLabels: [' Work ', 'Work', '', 'Travel'] }, {}).includeLabels).toEqual([
      'Work',
      'Travel',
    ]);
  });

  it('names every invalid field in one message', () => {
    const message = inputError({
      since: 'yesterday',
      lookbackHours: 0,
      maxMessages: 5000,
      timeZone: 'Mars/Olympus',
      includeBodies: 'yes',
      maxInputTokensPerBatch: 100,
    });
    expect(message).toMatch(/^Invalid input: /);
    for (const field of [
      'since',
      'lookbackHours',
      'maxMessages',
      'timeZone',
      'includeBodies',
      'maxInputTokensPerBatch',
    ]) {
      expect(message).toContain(`${field}: `);
    }
    expect(message).toContain('at most 1000');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('rejects input that is not an object, fractional counts and contradictory labels', () => {
    expect(inputError('digest please')).toMatch(/expected a JSON object/);
    expect(inputError([])).toMatch(/expected a JSON object/);
    expect(inputError({ maxMessages: 2.5 })).toMatch(/maxMessages: must be a whole number/);
    expect(inputError({ includeLabels: ['Work'], excludeLabels: ['work'] })).toMatch(
      /"Work" cannot be both included and excluded/,
    );
  });
});

describe('input_schema.json agrees with the code', () => {
  const defaults = parseInput({}, {});

  it('has the same defaults and bounds as parseInput', () => {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (property.default === undefined) continue;
      expect(defaults[name as keyof ActorInput], name).toEqual(property.default);
    }
    const bounded = Object.entries(schema.properties).filter(([, p]) => p.type === 'integer');
    for (const [name, property] of bounded) {
      expect(() => parseInput({ [name]: property.minimum }, {}), name).not.toThrow();
      expect(() => parseInput({ [name]: property.maximum }, {}), name).not.toThrow();
      expect(() => parseInput({ [name]: property.minimum! - 1 }, {}), name).toThrow(InputError);
      expect(() => parseInput({ [name]: property.maximum! + 1 }, {}), name).toThrow(InputError);
    }
    expect(schema.properties['since']?.enum).toEqual(['lastDigest', 'lookback']);
  });

  it('follows the platform rules: every field described, secrets without defaults, string editors set', () => {
    for (const [name, property] of Object.entries(schema.properties)) {
      expect(property.title, name).toBeTruthy();
      expect(property.description, name).toBeTruthy();
      if (property.type === 'string') expect(property.editor, name).toBeTruthy();
      if (property.isSecret === true) {
        expect(property.default, name).toBeUndefined();
        expect(property.prefill, name).toBeUndefined();
      }
    }
    expect(schema.properties['anthropicApiKey']?.isSecret).toBe(true);
    // Every field the code reads is in the schema (the Console can set it).
    for (const name of Object.keys(defaults)) expect(schema.properties, name).toHaveProperty(name);
  });
});
