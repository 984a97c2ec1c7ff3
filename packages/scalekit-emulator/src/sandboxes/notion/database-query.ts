import type { JsonObject, JsonValue } from '../sandbox.js';
import { isObject } from '../../json-object.js';
import { requireArray, requireBoolean, requireEnum, requireObject, requireString } from './json-input.js';
import type { PageRecord, PropertySchema, PropertyType, RecordMeta } from './model.js';
import { fieldError, validationError } from './notion-errors.js';
import { findProperty, requireIsoDate, selectOptions } from './property-values.js';
import { plainText } from './rich-text.js';

export type RowPredicate = (page: PageRecord) => boolean;
export type RowComparator = (a: PageRecord, b: PageRecord) => number;

const TEXT_KEYS = ['title', 'rich_text', 'url', 'email', 'phone_number'];
/** Which filter condition keys apply to each property type (a rich_text filter works on a title, etc.). */
const CONDITION_KEYS: Record<PropertyType, string[]> = {
  title: TEXT_KEYS,
  rich_text: TEXT_KEYS,
  url: TEXT_KEYS,
  email: TEXT_KEYS,
  phone_number: TEXT_KEYS,
  number: ['number'],
  checkbox: ['checkbox'],
  select: ['select'],
  multi_select: ['multi_select'],
  date: ['date'],
  created_time: ['created_time', 'date'],
  last_edited_time: ['last_edited_time', 'date'],
};
const MAX_COMPOUND_DEPTH = 2;
const DAY_MS = 86_400_000;

/** A property's value reduced to what filters and sorts compare. */
function cellValue(page: PageRecord, property: PropertySchema): string | number | boolean | string[] | null {
  const raw = page.values[property.id];
  switch (property.type) {
    case 'title':
    case 'rich_text':
      return plainText(raw);
    case 'url':
    case 'email':
    case 'phone_number':
      return typeof raw === 'string' ? raw : '';
    case 'number':
      return typeof raw === 'number' ? raw : null;
    case 'checkbox':
      return raw === true;
    case 'select':
      return isObject(raw) && typeof raw['name'] === 'string' ? raw['name'] : null;
    case 'multi_select':
      return Array.isArray(raw)
        ? raw.flatMap((o) => (isObject(o) && typeof o['name'] === 'string' ? [o['name']] : []))
        : [];
    case 'date':
      return isObject(raw) && typeof raw['start'] === 'string' ? raw['start'] : null;
    case 'created_time':
      return page.created_time;
    case 'last_edited_time':
      return page.last_edited_time;
  }
}

/** The single `operator: operand` pair of a condition object. */
function operatorOf(condition: JsonObject, path: string): [string, JsonValue] {
  const entries = Object.entries(condition);
  const first = entries[0];
  if (entries.length !== 1 || first === undefined)
    throw fieldError(path, 'should have exactly one condition', condition);
  return first;
}

function requireTrue(value: JsonValue, path: string): true {
  if (value !== true) throw fieldError(path, 'should be `true`', value);
  return true;
}

function textTest(condition: JsonObject, path: string): (value: string) => boolean {
  const [op, operand] = operatorOf(condition, path);
  const at = `${path}.${op}`;
  if (op === 'is_empty') return requireTrue(operand, at) && ((v) => v === '');
  if (op === 'is_not_empty') return requireTrue(operand, at) && ((v) => v !== '');
  const text = requireString(operand, at);
  const lower = text.toLowerCase();
  switch (op) {
    case 'equals':
      return (v) => v === text;
    case 'does_not_equal':
      return (v) => v !== text;
    case 'contains':
      return (v) => v.toLowerCase().includes(lower);
    case 'does_not_contain':
      return (v) => !v.toLowerCase().includes(lower);
    case 'starts_with':
      return (v) => v.toLowerCase().startsWith(lower);
    case 'ends_with':
      return (v) => v.toLowerCase().endsWith(lower);
    default:
      throw fieldError(at, 'is not a supported text filter condition', operand);
  }
}

function numberTest(condition: JsonObject, path: string): (value: number | null) => boolean {
  const [op, operand] = operatorOf(condition, path);
  const at = `${path}.${op}`;
  if (op === 'is_empty') return requireTrue(operand, at) && ((v) => v === null);
  if (op === 'is_not_empty') return requireTrue(operand, at) && ((v) => v !== null);
  if (typeof operand !== 'number') throw fieldError(at, 'should be a number', operand);
  const compare: Record<string, (v: number) => boolean> = {
    equals: (v) => v === operand,
    does_not_equal: (v) => v !== operand,
    greater_than: (v) => v > operand,
    less_than: (v) => v < operand,
    greater_than_or_equal_to: (v) => v >= operand,
    less_than_or_equal_to: (v) => v <= operand,
  };
  const test = compare[op];
  if (!test) throw fieldError(at, 'is not a supported number filter condition', operand);
  return (v) => (op === 'does_not_equal' && v === null) || (v !== null && test(v));
}

/** [start, end) in epoch ms: a whole UTC day for a date, one instant for a date-time. */
export function dateRange(text: string): [number, number] {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    return [start, start + DAY_MS];
  }
  const instant = Date.parse(text);
  return [instant, instant + 1];
}

function dateTest(condition: JsonObject, path: string): (value: string | null) => boolean {
  const [op, operand] = operatorOf(condition, path);
  const at = `${path}.${op}`;
  if (op === 'is_empty') return requireTrue(operand, at) && ((v) => v === null);
  if (op === 'is_not_empty') return requireTrue(operand, at) && ((v) => v !== null);
  const [from, to] = dateRange(requireIsoDate(operand, at));
  const compare: Record<string, (start: number) => boolean> = {
    equals: (v) => v >= from && v < to,
    before: (v) => v < from,
    after: (v) => v >= to,
    on_or_before: (v) => v < to,
    on_or_after: (v) => v >= from,
  };
  const test = compare[op];
  // Relative conditions (past_week, next_month...) depend on the request time; the sandbox leaves them out.
  if (!test) throw fieldError(at, 'is not a date filter condition this sandbox supports', operand);
  return (v) => v !== null && test(dateRange(v)[0]);
}

function optionTest(condition: JsonObject, path: string, multi: boolean): (value: string | null | string[]) => boolean {
  const [op, operand] = operatorOf(condition, path);
  const at = `${path}.${op}`;
  const names = (v: string | null | string[]): string[] => (Array.isArray(v) ? v : v === null ? [] : [v]);
  if (op === 'is_empty') return requireTrue(operand, at) && ((v) => names(v).length === 0);
  if (op === 'is_not_empty') return requireTrue(operand, at) && ((v) => names(v).length > 0);
  const name = requireString(operand, at);
  const positive = multi ? 'contains' : 'equals';
  const negative = multi ? 'does_not_contain' : 'does_not_equal';
  if (op === positive) return (v) => names(v).includes(name);
  if (op === negative) return (v) => !names(v).includes(name);
  throw fieldError(at, `is not a supported ${multi ? 'multi_select' : 'select'} filter condition`, operand);
}

function propertyPredicate(
  property: PropertySchema,
  conditionKey: string,
  condition: JsonObject,
  path: string,
): RowPredicate {
  const value = (page: PageRecord) => cellValue(page, property);
  if (TEXT_KEYS.includes(conditionKey)) {
    const test = textTest(condition, path);
    return (page) => test(value(page) as string);
  }
  switch (conditionKey) {
    case 'number': {
      const test = numberTest(condition, path);
      return (page) => test(value(page) as number | null);
    }
    case 'checkbox': {
      const [op, operand] = operatorOf(condition, path);
      const expected = requireBoolean(operand, `${path}.${op}`);
      if (op !== 'equals' && op !== 'does_not_equal')
        throw fieldError(`${path}.${op}`, 'is not a checkbox filter condition', operand);
      return (page) => (value(page) === expected) === (op === 'equals');
    }
    case 'select':
    case 'multi_select': {
      const test = optionTest(condition, path, conditionKey === 'multi_select');
      return (page) => test(value(page) as string | null | string[]);
    }
    default: {
      const test = dateTest(condition, path);
      return (page) => test(value(page) as string | null);
    }
  }
}

/** Compiles a `POST /v1/databases/{id}/query` filter into a predicate, refusing what Notion refuses. */
export function compileFilter(
  value: unknown,
  schema: readonly PropertySchema[],
  path = 'body.filter',
  depth = 0,
): RowPredicate {
  const filter = requireObject(value, path);
  for (const op of ['and', 'or'] as const) {
    if (filter[op] === undefined) continue;
    if (depth >= MAX_COMPOUND_DEPTH) {
      throw validationError(`body failed validation: ${path}.${op} nests compound filters deeper than two levels.`);
    }
    const parts = requireArray(filter[op], `${path}.${op}`).map((part, index) =>
      compileFilter(part, schema, `${path}.${op}[${index}]`, depth + 1),
    );
    return op === 'and' ? (page) => parts.every((p) => p(page)) : (page) => parts.some((p) => p(page));
  }
  if (filter['timestamp'] !== undefined) {
    const timestamp = requireEnum(
      filter['timestamp'],
      ['created_time', 'last_edited_time'] as const,
      `${path}.timestamp`,
    );
    const test = dateTest(requireObject(filter[timestamp], `${path}.${timestamp}`), `${path}.${timestamp}`);
    return (page) => test(page[timestamp]);
  }
  const key = requireString(filter['property'], `${path}.property`);
  const property = findProperty(schema, key);
  if (!property) throw validationError(`Could not find property with name or id: ${key}`);
  const conditionKey = Object.keys(filter).find((k) => k !== 'property' && k !== 'type');
  if (conditionKey === undefined) throw fieldError(path, 'should have a filter condition', filter);
  if (!CONDITION_KEYS[property.type].includes(conditionKey)) {
    throw validationError(`database property ${property.type} does not match filter ${conditionKey}`);
  }
  return propertyPredicate(
    property,
    conditionKey,
    requireObject(filter[conditionKey], `${path}.${conditionKey}`),
    `${path}.${conditionKey}`,
  );
}

/** Timestamp order, at the precision Notion keeps internally (its JSON rounds to the minute). */
export function compareTimestamps(
  a: RecordMeta,
  b: RecordMeta,
  timestamp: 'created_time' | 'last_edited_time',
): number {
  const tieBreak = timestamp === 'created_time' ? a.seq - b.seq : a.edit_seq - b.edit_seq;
  return a[timestamp].localeCompare(b[timestamp]) || tieBreak;
}

type SortKey = string | number | boolean | null;

function sortKey(page: PageRecord, property: PropertySchema): SortKey {
  const value = cellValue(page, property);
  if (property.type === 'select' || property.type === 'multi_select') {
    // Notion orders options by their position in the schema, not alphabetically.
    const first = Array.isArray(value) ? value[0] : value;
    const index = selectOptions(property).findIndex((o) => o.name === first);
    return index < 0 ? null : index;
  }
  if (property.type === 'date') return typeof value === 'string' ? dateRange(value)[0] : null;
  if (typeof value === 'string') return value === '' ? null : value.toLowerCase();
  return Array.isArray(value) ? null : value;
}

function compareKeys(a: SortKey, b: SortKey, direction: 'ascending' | 'descending'): number {
  // Empty values go last whichever the direction, as in Notion's views.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return direction === 'ascending' ? order : -order;
}

/** Compiles `sorts` (each by `property` or `timestamp`) into one comparator; undefined when absent. */
export function compileSorts(
  value: unknown,
  schema: readonly PropertySchema[],
  path = 'body.sorts',
): RowComparator | undefined {
  if (value === undefined) return undefined;
  const comparators = requireArray(value, path).map((raw, index): RowComparator => {
    const at = `${path}[${index}]`;
    const sort = requireObject(raw, at);
    const direction = requireEnum(sort['direction'], ['ascending', 'descending'] as const, `${at}.direction`);
    if (sort['timestamp'] !== undefined) {
      const timestamp = requireEnum(
        sort['timestamp'],
        ['created_time', 'last_edited_time'] as const,
        `${at}.timestamp`,
      );
      return (a, b) => (direction === 'ascending' ? 1 : -1) * compareTimestamps(a, b, timestamp);
    }
    const key = requireString(sort['property'], `${at}.property`);
    const property = findProperty(schema, key);
    if (!property) throw validationError(`Could not find sort property with name or id: ${key}`);
    return (a, b) => compareKeys(sortKey(a, property), sortKey(b, property), direction);
  });
  return (a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  };
}
