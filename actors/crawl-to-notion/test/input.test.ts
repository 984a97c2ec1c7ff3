import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { parseInput } from '../src/input.js';

interface SchemaProperty {
  title?: string;
  description?: string;
  type?: string;
  editor?: string;
  default?: unknown;
  enum?: string[];
  minimum?: number;
  maximum?: number;
}

const schema = JSON.parse(readFileSync(new URL('../.actor/input_schema.json', import.meta.url), 'utf8')) as {
  properties: Record<string, SchemaProperty>;
  required: string[];
};

const base = { startUrls: [{ url: 'https://docs.example.com/' }], parentPage: 'Docs' };

function failure(raw: unknown): string {
  try {
    parseInput(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the input to be refused');
}

describe('parseInput', () => {
  it('applies the same defaults as the input schema (API callers and schedules get no prefill)', () => {
    const parsed = parseInput(base) as unknown as Record<string, unknown>;
    for (const [name, property] of Object.entries(schema.properties)) {
      if (property.default === undefined) continue;
      expect(parsed[name], name).toEqual(property.default);
    }
  });

  it('takes start URLs and globs as the Console sends them, or as plain strings', () => {
    const parsed = parseInput({
      startUrls: [
        { url: ' https://docs.example.com/guide#intro ' },
        'https://docs.example.com/guide',
        { url: '' },
        'https://docs.example.com/api',
      ],
      includeGlobs: [{ glob: 'https://docs.example.com/**' }, ' '],
      excludeGlobs: ['**/changelog'],
      parentPage: '  Docs ',
      database: '',
      maxPages: null,
    });
    expect(parsed.startUrls).toEqual(['https://docs.example.com/guide', 'https://docs.example.com/api']);
    expect(parsed.includeGlobs).toEqual(['https://docs.example.com/**']);
    expect(parsed.excludeGlobs).toEqual(['**/changelog']);
    expect(parsed.parentPage).toBe('Docs');
    expect(parsed.database).toBe('Crawled pages');
    expect(parsed.maxPages).toBe(100);
  });

  it('needs a parent page for pages, and for a database only to create it', () => {
    expect(failure({ startUrls: base.startUrls })).toContain('set "Parent page"');
    expect(
      parseInput({ startUrls: base.startUrls, destination: 'database', database: 'https://www.notion.so/abc' })
        .parentPage,
    ).toBeUndefined();
  });

  it.each([
    [{ startUrls: [] }, 'give at least one start URL'],
    [{ ...base, startUrls: [{ url: 'example.com' }] }, 'start URL 1 ("example.com") is not a valid URL'],
    [{ ...base, startUrls: [{ url: 'mailto:a@example.com' }] }, 'must start with http:// or https://'],
    [
      { ...base, startUrls: [{ requestsFromUrl: 'https://example.com/urls.txt' }] },
      'read from a file or a remote list are not supported',
    ],
    [{ ...base, maxPages: 0 }, 'maxPages: must be at least 1'],
    [{ ...base, maxDepth: 2.5 }, 'maxDepth: must be a whole number'],
    [{ ...base, maxConcurrency: '5' }, 'maxConcurrency: must be a whole number'],
    [{ ...base, sameDomain: 'yes' }, 'sameDomain: must be true or false'],
    [{ ...base, destination: 'wiki' }, 'destination: must be "page" or "database"'],
    ['https://example.com', 'expected a JSON object'],
  ])('%j is refused with a message naming what to fix', (raw, message) => {
    expect(failure(raw)).toContain(message);
  });

  it('reports every invalid field at once', () => {
    const message = failure({ ...base, maxPages: -1, requestTimeoutSecs: 0 });
    expect(message).toContain('maxPages');
    expect(message).toContain('requestTimeoutSecs');
  });
});

describe('input schema', () => {
  it('describes every field the code reads, with the limits the code enforces', () => {
    for (const [name, property] of Object.entries(schema.properties)) {
      expect(property.title, name).toBeTruthy();
      expect(property.description, name).toBeTruthy();
      if (property.type === 'string') expect(property.editor, name).toBeTruthy();
      if (property.minimum !== undefined) {
        expect(() => parseInput({ ...base, [name]: property.minimum! - 1 }), name).toThrow(InputError);
        expect(() => parseInput({ ...base, [name]: property.minimum }), name).not.toThrow();
      }
      if (property.maximum !== undefined)
        expect(() => parseInput({ ...base, [name]: property.maximum! + 1 }), name).toThrow(InputError);
    }
    expect(Object.keys(parseInput(base)).sort()).toEqual(Object.keys(schema.properties).sort());
    expect(schema.properties['destination']!.enum).toEqual(['page', 'database']);
    expect(schema.required).toEqual(['startUrls']);
  });
});
