import { PROPERTY_TYPES, type PropertySchema } from './model.js';
import { requireObject, requireString } from './json-input.js';
import { fieldError, validationError } from './notion-errors.js';
import { findProperty, propertyDefinition, selectOptions } from './property-values.js';
import type { SeededRandom } from '../seeded-random.js';

/**
 * The schema after `PATCH /v1/databases/{id}` `properties`: each key (name or id) adds a property,
 * renames it (`name`), retypes it (a type key), or removes it (`null`). The title property stays.
 */
export function updatedSchema(current: readonly PropertySchema[], value: unknown, rng: SeededRandom): PropertySchema[] {
  const input = requireObject(value, 'body.properties');
  let schema = [...current];
  for (const [key, raw] of Object.entries(input)) {
    const at = `body.properties.${key}`;
    const existing = findProperty(schema, key);
    if (raw === null) {
      if (!existing) throw validationError(`${key} is not a property that exists.`);
      if (existing.type === 'title')
        throw validationError(`body failed validation: ${at} is the title property and cannot be removed.`);
      schema = schema.filter((p) => p !== existing);
      continue;
    }
    const definition = requireObject(raw, at);
    const name =
      definition['name'] === undefined ? (existing?.name ?? key) : requireString(definition['name'], `${at}.name`);
    const typed = definition['type'] !== undefined || PROPERTY_TYPES.some((t) => definition[t] !== undefined);
    if (!existing) {
      if (!typed) throw fieldError(at, 'should define a property type', raw);
      const created = propertyDefinition(name, definition, at, rng);
      if (created.type === 'title')
        throw validationError(`body failed validation: ${at} would add a second title property.`);
      schema.push(created);
      continue;
    }
    let updated: PropertySchema = { ...existing, name };
    if (typed) {
      const retyped = propertyDefinition(name, definition, at, rng, existing.id);
      if ((retyped.type === 'title') !== (existing.type === 'title')) {
        throw validationError(`body failed validation: ${at} cannot change which property is the title.`);
      }
      const kept = retyped.type === existing.type ? selectOptions(existing) : [];
      const added = selectOptions(retyped).filter((o) => !kept.some((k) => k.name === o.name));
      updated =
        retyped.type === 'select' || retyped.type === 'multi_select'
          ? { ...retyped, config: { options: [...kept, ...added] } }
          : retyped;
    }
    schema = schema.map((p) => (p === existing ? updated : p));
  }
  const names = schema.map((p) => p.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined)
    throw validationError(`body failed validation: body.properties has two properties named ${duplicate}.`);
  return schema;
}
