import { basename, dirname } from 'node:path';
import {
  effectiveSchema,
  findUnsupportedCondition,
  resolveRef,
  UnresolvedRefError,
  type JsonSchema,
  type SchemaBundle,
  escapePointerSegment,
  summaryFields,
} from '@komek/core';
import type { SchemaFile } from './loadSchemas.js';
import { SchemaError } from './SchemaError.js';

/** JSON Schema 2020-12 keywords (core, applicator, validation, unevaluated, format, content, meta-data). */
const KEYWORDS = new Set([
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$vocabulary',
  '$comment',
  '$defs',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'prefixItems',
  'items',
  'contains',
  'properties',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'format',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'x-komek',
]);
const SCHEMA_MAPS = new Set(['properties', '$defs', 'patternProperties', 'dependentSchemas']);
const SCHEMA_ARRAYS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set([
  'not',
  'if',
  'then',
  'else',
  'items',
  'contains',
  'additionalProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
]);
const FORM_KINDS = new Set([
  'application',
  'checklist',
  'consent',
  'refusal',
  'questionnaire',
  'agreement',
  'needs-assessment',
  'plan',
  'claim',
]);

const esc = escapePointerSegment;

/** Visits every sub-schema of a schema with its pointer and whether it sits in a condition (`if`/`then`/`else`). */
function eachSchema(
  schema: unknown,
  pointer: string,
  inCondition: boolean,
  fn: (s: JsonSchema, pointer: string, inCondition: boolean) => void,
): void {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as JsonSchema;
  fn(s, pointer, inCondition);
  for (const [k, v] of Object.entries(s)) {
    if (SCHEMA_MAPS.has(k) && v && typeof v === 'object') {
      for (const [name, sub] of Object.entries(v)) eachSchema(sub, `${pointer}/${k}/${esc(name)}`, inCondition, fn);
    } else if (SCHEMA_ARRAYS.has(k) && Array.isArray(v)) {
      v.forEach((sub, i) => eachSchema(sub, `${pointer}/${k}/${i}`, inCondition, fn));
    } else if (SCHEMA_VALUES.has(k)) {
      eachSchema(v, `${pointer}/${k}`, inCondition || k === 'if' || k === 'then' || k === 'else', fn);
    }
  }
}

/** The bundle holding every schema file, keyed by `$id`. */
export function bundleOf(files: SchemaFile[], root = ''): SchemaBundle {
  return { root, schemas: Object.fromEntries(files.map((f) => [f.id, f.json])) };
}

/**
 * Checks what ajv cannot: unknown keywords with their place, `$ref`s that resolve, a title on every data field,
 * `if`s inside the evaluated subset, and form metadata that matches the file. Returns every problem found.
 */
export function lintSchemas(files: SchemaFile[]): SchemaError[] {
  const errors: SchemaError[] = [];
  const bundle = bundleOf(files);
  const ids = new Map<string, string>();
  for (const f of files) {
    const lineOf = (p: string) => f.lines.get(p) ?? f.lines.get(p.replace(/\/[^/]*$/, ''));
    const err = (pointer: string, reason: string) =>
      errors.push(new SchemaError(f.path, pointer, reason, lineOf(pointer)));
    if (ids.has(f.id)) err('/$id', `$id ${f.id} is also used by ${ids.get(f.id)}`);
    ids.set(f.id, f.path);

    eachSchema(f.json, '', false, (s, pointer, inCondition) => {
      for (const k of Object.keys(s)) if (!KEYWORDS.has(k)) err(`${pointer}/${esc(k)}`, `unknown keyword "${k}"`);
      if (typeof s.$ref === 'string') {
        try {
          resolveRef(bundle, s.$ref, { file: f.id, pointer });
        } catch (e) {
          if (e instanceof UnresolvedRefError) err(`${pointer}/$ref`, `unknown $ref "${s.$ref}"`);
          else throw e;
        }
      }
      const komek = s['x-komek'];
      if (komek && komek.reading !== undefined) {
        if (typeof komek.reading !== 'string' || komek.reading.trim() === '')
          err(`${pointer}/x-komek/reading`, 'reading must say, in words, how the printed part is read');
        if (komek.derived !== undefined)
          err(
            `${pointer}/x-komek`,
            'a part is either a reading of a printed line (reading) or not printed at all (derived), not both',
          );
      }
      if (komek && komek.summary !== undefined) {
        if (!(summaryFields as readonly unknown[]).includes(komek.summary))
          err(`${pointer}/x-komek/summary`, `summary must be one of ${summaryFields.join(', ')}`);
        else if (/\/(items|prefixItems)(\/|$)/.test(pointer))
          err(`${pointer}/x-komek/summary`, 'a summary field holds one value of the form: not inside a list');
      }
      if (komek && komek.dateOrder !== undefined) {
        // Each pointer names a date field of this object: a typo would otherwise make the order silently unchecked.
        const pairs = komek.dateOrder;
        const isDate = (ptr: unknown): boolean => {
          if (typeof ptr !== 'string' || !ptr.startsWith('/')) return false;
          let cur: JsonSchema = s;
          let at = { file: f.id, pointer };
          try {
            for (const seg of ptr.split('/').slice(1)) {
              const prop = effectiveSchema(bundle, cur, at).properties.find((p) => p.name === seg);
              if (!prop) return false;
              cur = prop.schema;
              at = prop.at;
            }
            return effectiveSchema(bundle, cur, at).schema.format === 'date';
          } catch {
            return false;
          }
        };
        if (
          !Array.isArray(pairs) ||
          pairs.some((pair) => !Array.isArray(pair) || pair.length !== 2 || !pair.every(isDate))
        ) {
          err(
            `${pointer}/x-komek/dateOrder`,
            'dateOrder must be a list of [earlier, later] pairs of pointers to date fields of this object (e.g. [["/issueDate", "/expiryDate"]])',
          );
        }
      }
      if (s.if !== undefined) {
        const bad = findUnsupportedCondition(s.if);
        if (bad)
          err(
            `${pointer}/if${bad.pointer}`,
            `"${bad.keyword}" is not supported in a condition (use properties with const, enum or contains, and required)`,
          );
      }
      if (!inCondition && s.properties) {
        for (const [name, sub] of Object.entries(s.properties)) {
          const at = { file: f.id, pointer: `${pointer}/properties/${esc(name)}` };
          try {
            const eff = effectiveSchema(bundle, sub, at);
            if (eff.titleAt === undefined)
              err(at.pointer, `field "${name}" has no title: every field needs the verbatim label`);
          } catch (e) {
            if (!(e instanceof UnresolvedRefError)) throw e;
          }
        }
      }
    });

    const form = f.json['x-komek']?.form;
    const folder = basename(dirname(f.path));
    if (folder === 'common') {
      if (form) err('/x-komek/form', 'a shared schema in common/ is not a form: remove x-komek.form');
      continue;
    }
    if (!form) {
      err(
        '/x-komek/form',
        'a form schema needs x-komek.form (id, country, sop, step, formNumber, kind, printed, version)',
      );
      continue;
    }
    const expectedId = basename(f.path).replace(/\.schema\.json$/, '');
    if (form.id !== expectedId)
      err('/x-komek/form/id', `form id "${form.id}" does not match the file name "${expectedId}"`);
    if (form.country?.toLowerCase() !== folder)
      err('/x-komek/form/country', `country "${form.country}" does not match the folder "${folder}"`);
    if (!FORM_KINDS.has(form.kind)) err('/x-komek/form/kind', `unknown form kind "${form.kind}"`);
    if (typeof form.version !== 'string') err('/x-komek/form/version', 'missing version');
    if (typeof f.json.title !== 'string') err('/title', 'a form needs its printed title');
  }
  return errors;
}
