import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { DEFAULT_MODEL, DEFAULT_NOTION_PAGE, parseInput } from '../src/input.js';

const noEnv = {};

function failure(raw: unknown, env: Record<string, string | undefined> = noEnv): string {
  try {
    parseInput(raw, env);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected the input to be refused');
}

describe('parseInput', () => {
  it('a topic alone is structured research with the schema defaults', () => {
    expect(parseInput({ topic: '  python tutorial ' }, noEnv)).toEqual({
      mode: 'structured',
      topic: 'python tutorial',
      channelCount: 10,
      minSubscribers: 0,
      maxDaysSinceUpload: undefined,
      notionPage: DEFAULT_NOTION_PAGE,
      parentPage: undefined,
      youtubeQuotaUnits: 1000,
    });
  });

  it('a task is the agent mode; the input key wins over ANTHROPIC_API_KEY, which is the fallback', () => {
    const fromEnv = parseInput({ task: 'Find channels', topic: 'python' }, { ANTHROPIC_API_KEY: 'sk-env' });
    expect(fromEnv).toMatchObject({
      mode: 'agent',
      task: 'Find channels',
      topic: 'python',
      anthropicApiKey: 'sk-env',
      model: DEFAULT_MODEL,
      maxIterations: 12,
    });
    expect(
      parseInput({ task: 'Find channels', anthropicApiKey: 'sk-input' }, { ANTHROPIC_API_KEY: 'sk-env' }),
    ).toMatchObject({ anthropicApiKey: 'sk-input' });
  });

  it('a task without any key is refused with what to do', () => {
    const message = failure({ task: 'Find channels', anthropicApiKey: '  ' }, { ANTHROPIC_API_KEY: '' });
    expect(message).toContain('needs an Anthropic API key');
    expect(message).toContain('ANTHROPIC_API_KEY');
  });

  it('nothing to do: no input, empty strings and nulls alike', () => {
    for (const raw of [undefined, null, {}, { topic: '', task: '   ' }, { topic: null, task: null }]) {
      expect(failure(raw)).toMatch(/^Nothing to do: give a research topic/);
    }
  });

  it('nulls and empty strings in optional fields mean "not given" (the Console and API send them)', () => {
    expect(
      parseInput(
        { topic: 'python', maxDaysSinceUpload: null, parentPage: '', notionPage: '', channelCount: null },
        noEnv,
      ),
    ).toMatchObject({
      maxDaysSinceUpload: undefined,
      parentPage: undefined,
      notionPage: DEFAULT_NOTION_PAGE,
      channelCount: 10,
    });
  });

  it('lists every invalid field in one message', () => {
    const message = failure({ topic: 'python', channelCount: 0, maxIterations: 'many', maxDaysSinceUpload: 1.5 });
    expect(message).toMatch(/^Invalid input: /);
    expect(message).toContain('channelCount:');
    expect(message).toContain('maxIterations:');
    expect(message).toContain('maxDaysSinceUpload:');
  });

  it('refuses a topic without searchable words and a quota too small for the request', () => {
    expect(failure({ topic: '!!!' })).toContain('has no searchable words');
    const quota = failure({ topic: 'python tutorial', channelCount: 50, youtubeQuotaUnits: 150 });
    expect(quota).toMatch(/raise it to at least \d+/);
    const needed = Number(/at least (\d+)/.exec(quota)?.[1]);
    expect(parseInput({ topic: 'python tutorial', channelCount: 50, youtubeQuotaUnits: needed }, noEnv).mode).toBe(
      'structured',
    );
  });

  it('refuses input that is not an object', () => {
    expect(failure(['python'])).toContain('expected a JSON object');
    expect(failure('python')).toContain('expected a JSON object');
  });
});

interface SchemaProperty {
  type: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

describe('input schema and code agree', () => {
  const schema = JSON.parse(readFileSync(new URL('../.actor/input_schema.json', import.meta.url), 'utf8')) as {
    properties: Record<string, SchemaProperty>;
  };
  const agent = { task: 'Find channels', anthropicApiKey: 'sk-test' };

  it('the code applies the schema defaults (plain `node dist/main.js` and API callers get none)', () => {
    const parsed = parseInput(agent, noEnv) as unknown as Record<string, unknown>;
    for (const [name, property] of Object.entries(schema.properties)) {
      if (property.default !== undefined) expect([name, parsed[name]]).toEqual([name, property.default]);
    }
  });

  it('the code accepts exactly the schema ranges', () => {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (property.type !== 'integer') continue;
      for (const bound of [property.minimum, property.maximum]) {
        if (bound !== undefined)
          expect(() => parseInput({ ...agent, [name]: bound }, noEnv), `${name} = ${bound}`).not.toThrow();
      }
      if (property.minimum !== undefined)
        expect(() => parseInput({ ...agent, [name]: property.minimum! - 1 }, noEnv), name).toThrow(name);
      if (property.maximum !== undefined)
        expect(() => parseInput({ ...agent, [name]: property.maximum! + 1 }, noEnv), name).toThrow(name);
    }
  });

  it('every schema field is read by the code, and text limits match', () => {
    const parsed = parseInput(
      { ...agent, topic: 'python', parentPage: 'Research', maxDaysSinceUpload: 30 },
      noEnv,
    ) as unknown as Record<string, unknown>;
    for (const name of Object.keys(schema.properties)) expect(Object.keys(parsed), name).toContain(name);
    for (const [name, property] of Object.entries(schema.properties)) {
      if (property.maxLength === undefined) continue;
      expect(() => parseInput({ ...agent, [name]: 'x'.repeat(property.maxLength! + 1) }, noEnv), name).toThrow(name);
    }
  });
});
