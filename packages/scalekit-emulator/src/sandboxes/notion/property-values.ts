import type { JsonObject, JsonValue } from '../sandbox.js';
import { isObject } from '../../json-object.js';
import { requireArray, requireBoolean, requireEnum, requireObject, requireString } from './json-input.js';
import { OPTION_COLORS, PROPERTY_TYPES, type PropertySchema, type PropertyType, type SelectOption } from './model.js';
import { fieldError, validationError } from './notion-errors.js';
import { NOTION_LIMITS, checkMaxItems, checkMaxLength } from './request-limits.js';
import { normalizeRichText } from './rich-text.js';
import type { SeededRandom } from '../seeded-random.js';

/** The single property of a page whose parent is a page or the workspace. */
export const PAGE_TITLE_SCHEMA: readonly PropertySchema[] = [{ id: 'title', name: 'title', type: 'title', config: {} }];

const READ_ONLY_TYPES: readonly PropertyType[] = ['created_time', 'last_edited_time'];
const OPTION_NAME_MAX = 100;

/** Properties are addressed by name or by id, as in Notion. */
export function findProperty(schema: readonly PropertySchema[], key: string): PropertySchema | undefined {
  return schema.find((p) => p.name === key) ?? schema.find((p) => p.id === key);
}

function optionsOf(property: PropertySchema): SelectOption[] {
  const options = property.config['options'];
  return Array.isArray(options) ? (options as SelectOption[]) : [];
}

function normalizeOptions(value: unknown, path: string, rng: SeededRandom): SelectOption[] {
  if (value === undefined) return [];
  return requireArray(value, path).map((raw, index) => {
    const option = requireObject(raw, `${path}[${index}]`);
    const name = requireString(option['name'], `${path}[${index}].name`);
    checkMaxLength(name, OPTION_NAME_MAX, `${path}[${index}].name`);
    const color =
      option['color'] === undefined
        ? rng.pick(OPTION_COLORS)
        : requireEnum(option['color'], OPTION_COLORS, `${path}[${index}].color`);
    return { id: rng.uuid(), name, color };
  });
}

/** Short property ids in Notion's style (`title` is reserved for the title property). */
function propertyId(rng: SeededRandom): string {
  return rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 4);
}

/** One property definition of `POST /v1/databases` (`{ "Tags": { "multi_select": { "options": [...] } } }`). */
export function propertyDefinition(
  name: string,
  value: JsonValue,
  path: string,
  rng: SeededRandom,
  id?: string,
): PropertySchema {
  const definition = requireObject(value, path);
  const type = (definition['type'] ?? PROPERTY_TYPES.find((t) => definition[t] !== undefined)) as unknown;
  const propertyType = requireEnum(type, PROPERTY_TYPES, `${path}.type`);
  const config =
    definition[propertyType] === undefined ? {} : requireObject(definition[propertyType], `${path}.${propertyType}`);
  const schemaConfig: JsonObject =
    propertyType === 'select' || propertyType === 'multi_select'
      ? { options: normalizeOptions(config['options'], `${path}.${propertyType}.options`, rng) }
      : propertyType === 'number'
        ? { format: typeof config['format'] === 'string' ? config['format'] : 'number' }
        : {};
  return {
    id: propertyType === 'title' ? 'title' : (id ?? propertyId(rng)),
    name,
    type: propertyType,
    config: schemaConfig,
  };
}

/** The full schema of a new database: exactly one title property. */
export function normalizeSchema(value: unknown, path: string, rng: SeededRandom): PropertySchema[] {
  const input = requireObject(value, path);
  const schema = Object.entries(input).map(([name, definition]) =>
    propertyDefinition(name, definition, `${path}.${name}`, rng),
  );
  const titles = schema.filter((p) => p.type === 'title').length;
  if (titles !== 1) {
    throw validationError(
      `body failed validation: ${path} should have exactly one property of type \`title\`, instead was \`${titles}\`.`,
    );
  }
  return schema;
}

function selectOption(
  value: JsonValue,
  property: PropertySchema,
  path: string,
  rng: SeededRandom,
  created: SelectOption[],
): SelectOption {
  const input = requireObject(value, path);
  const known = [...optionsOf(property), ...created];
  if (typeof input['id'] === 'string') {
    const byId = known.find((o) => o.id === input['id']);
    if (byId) return byId;
    throw validationError(
      `body failed validation: ${path}.id \`${input['id']}\` is not an option of ${property.name}.`,
    );
  }
  const name = requireString(input['name'], `${path}.name`);
  checkMaxLength(name, OPTION_NAME_MAX, `${path}.name`);
  if (property.type === 'multi_select' && name.includes(',')) {
    throw validationError(
      `body failed validation: ${path}.name should not contain commas, instead was \`${JSON.stringify(name)}\`.`,
    );
  }
  const existing = known.find((o) => o.name === name);
  if (existing) return existing;
  // Notion adds an unknown option to the schema when a value names it.
  const option = {
    id: rng.uuid(),
    name,
    color:
      input['color'] === undefined
        ? rng.pick(OPTION_COLORS)
        : requireEnum(input['color'], OPTION_COLORS, `${path}.color`),
  };
  created.push(option);
  return option;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function requireIsoDate(value: unknown, path: string): string {
  const text = requireString(value, path);
  if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(text)))
    throw fieldError(path, 'should be a valid ISO 8601 date string', text);
  return text;
}

function limitedString(value: JsonValue, max: number, path: string): string | null {
  if (value === null) return null;
  const text = requireString(value, path);
  checkMaxLength(text, max, path);
  return text;
}

function normalizeValue(
  property: PropertySchema,
  raw: JsonObject,
  path: string,
  rng: SeededRandom,
  created: SelectOption[],
): JsonValue {
  const value = raw[property.type] as JsonValue;
  const at = `${path}.${property.type}`;
  switch (property.type) {
    case 'title':
    case 'rich_text':
      return normalizeRichText(value, at);
    case 'number':
      if (value === null || (typeof value === 'number' && Number.isFinite(value))) return value;
      throw fieldError(at, 'should be a number or `null`', value);
    case 'url':
      return limitedString(value, NOTION_LIMITS.url, at);
    case 'email':
      return limitedString(value, NOTION_LIMITS.email, at);
    case 'phone_number':
      return limitedString(value, NOTION_LIMITS.phoneNumber, at);
    case 'checkbox':
      return requireBoolean(value, at);
    case 'select':
      return value === null ? null : selectOption(value, property, at, rng, created);
    case 'multi_select': {
      const items = requireArray(value, at);
      checkMaxItems(items.length, NOTION_LIMITS.multiSelectOptions, at);
      return items.map((item, index) => selectOption(item, property, `${at}[${index}]`, rng, created));
    }
    case 'date': {
      if (value === null) return null;
      const date = requireObject(value, at);
      const end = date['end'] === undefined || date['end'] === null ? null : requireIsoDate(date['end'], `${at}.end`);
      const timeZone =
        date['time_zone'] === undefined || date['time_zone'] === null
          ? null
          : requireString(date['time_zone'], `${at}.time_zone`);
      return { start: requireIsoDate(date['start'], `${at}.start`), end, time_zone: timeZone };
    }
    case 'created_time':
    case 'last_edited_time':
      throw readOnly(property, path);
  }
}

function readOnly(property: PropertySchema, path: string): Error {
  return validationError(
    `body failed validation: ${path} is a ${property.type} property, which Notion sets itself and cannot be written.`,
  );
}

/** Validated values plus any select options the request named for the first time. */
export type PropertyWrite = {
  values: { [propertyId: string]: JsonValue };
  newOptions: { [propertyId: string]: SelectOption[] };
};

/**
 * Validates the `properties` of a page create or update against its parent's schema. Keys are property
 * names or ids; the value must use the property's own type key ("Tags is expected to be select.").
 */
export function normalizePropertyValues(
  value: unknown,
  schema: readonly PropertySchema[],
  path: string,
  rng: SeededRandom,
): PropertyWrite {
  const input = requireObject(value, path);
  const write: PropertyWrite = { values: {}, newOptions: {} };
  for (const [key, rawValue] of Object.entries(input)) {
    const property = findProperty(schema, key);
    if (!property) throw validationError(`${key} is not a property that exists.`);
    const at = `${path}.${key}`;
    // A bare array is Notion's shorthand for a title / rich text value.
    const raw =
      Array.isArray(rawValue) && (property.type === 'title' || property.type === 'rich_text')
        ? { [property.type]: rawValue }
        : rawValue;
    if (!isObject(raw)) throw fieldError(at, 'should be an object', rawValue);
    if (READ_ONLY_TYPES.includes(property.type)) throw readOnly(property, at);
    const given = typeof raw['type'] === 'string' ? raw['type'] : PROPERTY_TYPES.find((t) => raw[t] !== undefined);
    if (given !== property.type || raw[property.type] === undefined)
      throw validationError(`${property.name} is expected to be ${property.type}.`);
    const created: SelectOption[] = [];
    write.values[property.id] = normalizeValue(property, raw, at, rng, created);
    if (created.length > 0) write.newOptions[property.id] = [...(write.newOptions[property.id] ?? []), ...created];
  }
  return write;
}

/** The schema with the options a write introduced. */
export function withNewOptions(
  schema: readonly PropertySchema[],
  newOptions: PropertyWrite['newOptions'],
): PropertySchema[] {
  return schema.map((property) => {
    const added = newOptions[property.id];
    if (!added) return property;
    return { ...property, config: { ...property.config, options: [...optionsOf(property), ...added] } };
  });
}

export function emptyValue(type: PropertyType): JsonValue {
  if (type === 'title' || type === 'rich_text' || type === 'multi_select') return [];
  if (type === 'checkbox') return false;
  return null;
}

export function selectOptions(property: PropertySchema): SelectOption[] {
  return optionsOf(property);
}
