// Converts a Komek form (through core's model) into each peer's own format, so that every library renders,
// validates and prints the same form: the same inputs, labels, required marks, choices and conditions.
//
// - SurveyJS: a survey JSON (one page; panels for groups, paneldynamic for repeats, visibleIf for conditions).
// - JSON Forms: a self-contained data schema plus a uischema (Groups, Controls, SHOW rules for conditions).
// - RJSF: the same data schema with conditional properties under `allOf`/`if`/`then` (how RJSF shows fields on a
//   condition) plus a uiSchema choosing widgets.
import type { ChoiceOption, FormModel, FormNode, JsonSchema, MessageKey } from '@komek/core';
import { childrenOf, getAtPointer, isContainer, optionsOf, unescapePointerSegment, widgetOf } from '@komek/core';
import { inputLeaves } from './form.js';

/** Gives the label of a message key (one language, or two joined). */
export type Label = (key: MessageKey, fallback: string | undefined) => string;

type Json = Record<string, unknown>;

const labelOf = (label: Label, n: FormNode) => {
  const text = label(n.labelKey, n.englishLabel);
  return n.number ? `${n.number}. ${text}` : text;
};
const optionLabel = (label: Label, o: ChoiceOption) => label(o.labelKey, o.englishLabel);
const segmentsOf = (pointer: string) => pointer.split('/').slice(1).map(unescapePointerSegment);

/** The original enum values of a choice node, in option order. */
function enumValues(n: FormNode): unknown[] {
  const values = n.schema.enum ?? n.schema.items?.enum;
  return values ?? (optionsOf(n) ?? []).map((o) => o.value);
}

// ---------------------------------------------------------------------------------------------------------
// SurveyJS

/** Separator of a data path inside a SurveyJS question name (SurveyJS keeps data flat per survey or per row). */
export const SURVEY_PATH_SEPARATOR = '__';

/** The SurveyJS name of a node: its data path relative to the survey or to the repeat row it sits in. */
export const surveyName = (n: FormNode) => segmentsOf(n.pointer).join(SURVEY_PATH_SEPARATOR);

function surveyLiteral(v: unknown): string {
  return typeof v === 'string' ? `'${v.replace(/'/g, "\\'")}'` : JSON.stringify(v);
}

/** A SurveyJS expression for an `if` over the object at `scope` (the subset core evaluates). */
export function surveyExpression(ifSchema: JsonSchema, scope: string, rowPrefix: string): string | undefined {
  const parts: string[] = [];
  const ref = (name: string) => `{${rowPrefix}${[...segmentsOf(scope), name].join(SURVEY_PATH_SEPARATOR)}}`;
  for (const r of ifSchema.required ?? []) parts.push(`${ref(r)} notempty`);
  for (const [name, sub] of Object.entries(ifSchema.properties ?? {})) {
    if ('const' in sub) parts.push(`${ref(name)} = ${surveyLiteral(sub.const)}`);
    else if (Array.isArray(sub.enum)) parts.push(`${ref(name)} anyof [${sub.enum.map(surveyLiteral).join(', ')}]`);
    else if (sub.contains && 'const' in sub.contains)
      parts.push(`${ref(name)} contains ${surveyLiteral(sub.contains.const)}`);
    else if (sub.contains && Array.isArray(sub.contains.enum)) {
      parts.push(`(${sub.contains.enum.map((v) => `${ref(name)} contains ${surveyLiteral(v)}`).join(' or ')})`);
    }
  }
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

function surveyQuestion(n: FormNode, label: Label, rowPrefix: string): Json {
  const q: Json = { name: surveyName(n), title: labelOf(label, n) };
  if (n.required) q.isRequired = true;
  const s = n.schema;
  switch (widgetOf(n)) {
    case 'textarea':
      Object.assign(q, { type: 'comment' });
      break;
    case 'date':
      Object.assign(q, { type: 'text', inputType: 'date' });
      break;
    case 'number':
      Object.assign(q, { type: 'text', inputType: 'number' });
      if (s.minimum !== undefined) q.min = s.minimum;
      if (s.maximum !== undefined) q.max = s.maximum;
      break;
    case 'choice': {
      const values = enumValues(n);
      const choices = (optionsOf(n) ?? []).map((o, i) => ({ value: values[i], text: optionLabel(label, o) }));
      Object.assign(q, { type: choices.length > 4 ? 'dropdown' : 'radiogroup', choices });
      break;
    }
    case 'multichoice': {
      const values = enumValues(n);
      Object.assign(q, {
        type: 'checkbox',
        choices: (optionsOf(n) ?? []).map((o, i) => ({ value: values[i], text: optionLabel(label, o) })),
      });
      break;
    }
    case 'yesno':
      Object.assign(q, { type: 'boolean' });
      break;
    case 'checkbox':
    case 'checklist':
      Object.assign(q, { type: 'boolean', renderAs: 'checkbox' });
      break;
    case 'signaturePad':
      Object.assign(q, { type: 'signaturepad' });
      break;
    default:
      Object.assign(q, { type: 'text' });
  }
  if (typeof s.maxLength === 'number' && (q.type === 'text' || q.type === 'comment') && q.inputType === undefined)
    q.maxLength = s.maxLength;
  if (n.condition) {
    const e = surveyExpression(n.condition.if, n.condition.scope, rowPrefix);
    if (e) q.visibleIf = e;
  }
  return q;
}

function surveyElements(n: FormNode, label: Label, rowPrefix: string): Json[] {
  return childrenOf(n).map((c) => surveyElement(c, label, rowPrefix));
}

function surveyElement(n: FormNode, label: Label, rowPrefix: string): Json {
  let el: Json;
  if (n.kind === 'static') {
    el = { type: 'html', name: `static${SURVEY_PATH_SEPARATOR}${surveyName(n)}`, html: escapeHtml(labelOf(label, n)) };
  } else if (n.kind === 'repeat') {
    el = {
      type: 'paneldynamic',
      name: surveyName(n),
      title: labelOf(label, n),
      panelCount: 0,
      templateElements: surveyElements(n.item, label, 'panel.'),
    };
  } else if (isContainer(n)) {
    el = {
      type: 'panel',
      name: `panel${SURVEY_PATH_SEPARATOR}${surveyName(n) || 'form'}`,
      title: labelOf(label, n),
      elements: surveyElements(n, label, rowPrefix),
    };
  } else {
    return surveyQuestion(n, label, rowPrefix);
  }
  if (n.condition) {
    const e = surveyExpression(n.condition.if, n.condition.scope, rowPrefix);
    if (e) el.visibleIf = e;
  }
  return el;
}

/** The form as SurveyJS JSON. */
export function toSurveyJs(model: FormModel, label: Label, locale?: string): Json {
  const survey: Json = {
    title: labelOf(label, model.root),
    textUpdateMode: 'onTyping',
    pages: [{ name: 'form', elements: surveyElements(model.root, label, '') }],
  };
  if (locale) survey.locale = locale;
  return survey;
}

/** Form data in SurveyJS's shape: one value per question name (nested in rows for repeats). */
export function toSurveyData(model: FormModel, data: unknown): Json {
  const flat = (node: FormNode, value: unknown, out: Json) => {
    for (const c of childrenOf(node)) {
      const rel = c.pointer.slice(node.pointer.length);
      const v = getAtPointer(value, rel);
      if (v === undefined) continue;
      if (c.kind === 'repeat' && Array.isArray(v)) out[surveyName(c)] = v.map((row) => flatRow(c.item, row));
      else if (isContainer(c)) flat(c, v, out);
      else if (c.kind !== 'static') out[surveyName(c)] = v;
    }
  };
  // Row trees have relative pointers, so the row's own names already start at the row.
  const flatRow = (item: FormNode, row: unknown) => {
    const out: Json = {};
    const visit = (n: FormNode) => {
      for (const c of childrenOf(n)) {
        const v = getAtPointer(row, c.pointer);
        if (v === undefined) continue;
        if (isContainer(c)) visit(c);
        else if (c.kind !== 'static') out[surveyName(c)] = v;
      }
    };
    visit(item);
    return out;
  };
  const out: Json = {};
  flat(model.root, data, out);
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------------------------------------
// Data schema shared by JSON Forms and RJSF

const KEPT_KEYWORDS = [
  'type',
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'const',
  'minItems',
  'maxItems',
  'uniqueItems',
] as const;

function fieldSchema(n: FormNode, label: Label): Json {
  const out: Json = { title: labelOf(label, n) };
  for (const k of KEPT_KEYWORDS) if (n.schema[k] !== undefined) out[k] = n.schema[k];
  if (n.kind === 'static') return { type: 'null', title: labelOf(label, n) };
  const options = optionsOf(n);
  if (options) {
    const values = enumValues(n);
    const choices = options.map((o, i) => ({ const: values[i], title: optionLabel(label, o) }));
    if (widgetOf(n) === 'multichoice') {
      out.type = 'array';
      out.uniqueItems = true;
      out.items = { type: 'string', oneOf: choices };
    } else {
      out.oneOf = choices;
    }
  }
  return out;
}

/** Whether conditional children go under `allOf`/`if`/`then` (RJSF) or stay in `properties` with rules (JSON Forms). */
type ConditionStyle = 'allOf' | 'rules';

function objectSchema(n: FormNode, label: Label, style: ConditionStyle): Json {
  const properties: Json = {};
  const required: string[] = [];
  const conditional = new Map<string, { if: JsonSchema; properties: Json; required: string[] }>();
  for (const c of childrenOf(n)) {
    const s = nodeSchema(c, label, style);
    if (c.condition && style === 'allOf') {
      const key = JSON.stringify(c.condition.if);
      if (!conditional.has(key)) conditional.set(key, { if: c.condition.if, properties: {}, required: [] });
      const entry = conditional.get(key)!;
      entry.properties[c.name] = s;
      if (c.required) entry.required.push(c.name);
      continue;
    }
    properties[c.name] = s;
    if (c.required && !c.condition) required.push(c.name);
    else if (c.required && c.condition) {
      // Rules only show or hide; the requirement while shown stays in the schema, as the source writes it.
      const key = JSON.stringify(c.condition.if);
      if (!conditional.has(key)) conditional.set(key, { if: c.condition.if, properties: {}, required: [] });
      conditional.get(key)!.required.push(c.name);
    }
  }
  const out: Json = { type: 'object', title: labelOf(label, n), properties };
  if (required.length > 0) out.required = required;
  if (conditional.size > 0) {
    out.allOf = [...conditional.values()].map((c) => ({
      if: c.if,
      then: {
        ...(Object.keys(c.properties).length > 0 ? { properties: c.properties } : {}),
        ...(c.required.length > 0 ? { required: c.required } : {}),
      },
    }));
  }
  return out;
}

function nodeSchema(n: FormNode, label: Label, style: ConditionStyle): Json {
  if (n.kind === 'repeat') {
    const out: Json = {
      type: 'array',
      title: labelOf(label, n),
      items: n.item ? objectSchema(n.item, label, style) : {},
    };
    if (n.schema.minItems !== undefined) out.minItems = n.schema.minItems;
    if (n.schema.maxItems !== undefined) out.maxItems = n.schema.maxItems;
    return out;
  }
  if (isContainer(n)) return objectSchema(n, label, style);
  return fieldSchema(n, label);
}

// ---------------------------------------------------------------------------------------------------------
// JSON Forms

const scopeOf = (pointer: string) =>
  pointer === ''
    ? '#'
    : '#' +
      segmentsOf(pointer)
        .map((s) => `/properties/${s}`)
        .join('');

function jsonFormsRule(n: FormNode, base: string): Json | undefined {
  if (!n.condition) return undefined;
  return {
    effect: 'SHOW',
    condition: { scope: scopeOf(n.condition.scope.slice(base.length)), schema: n.condition.if },
  };
}

function jsonFormsElement(n: FormNode, label: Label, base: string): Json {
  let el: Json;
  if (n.kind === 'static') el = { type: 'Label', text: labelOf(label, n) };
  else if (n.kind === 'repeat')
    el = { type: 'Control', scope: scopeOf(n.pointer.slice(base.length)), label: labelOf(label, n) };
  else if (isContainer(n))
    el = { type: 'Group', label: labelOf(label, n), elements: n.children.map((c) => jsonFormsElement(c, label, base)) };
  else {
    el = { type: 'Control', scope: scopeOf(n.pointer.slice(base.length)), label: labelOf(label, n) };
    if (n.widget === 'textarea') el.options = { multi: true };
  }
  const rule = jsonFormsRule(n, base);
  if (rule) el.rule = rule;
  return el;
}

/** The form as a JSON Forms data schema and uischema. */
export function toJsonForms(model: FormModel, label: Label): { schema: Json; uischema: Json } {
  return {
    schema: nodeSchema(model.root, label, 'rules'),
    uischema: { type: 'VerticalLayout', elements: model.root.children.map((c) => jsonFormsElement(c, label, '')) },
  };
}

// ---------------------------------------------------------------------------------------------------------
// RJSF

function rjsfUi(n: FormNode): Json | undefined {
  if (n.kind === 'repeat') {
    const items = rjsfUi(n.item);
    return items ? { items } : undefined;
  }
  if (isContainer(n)) {
    const out: Json = {};
    for (const c of n.children) {
      const ui = rjsfUi(c);
      if (ui) out[c.name] = ui;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  switch (widgetOf(n)) {
    case 'textarea':
      return { 'ui:widget': 'textarea' };
    case 'yesno':
      return { 'ui:widget': 'radio' };
    case 'choice':
      return (optionsOf(n)?.length ?? 0) > 4 ? undefined : { 'ui:widget': 'radio' };
    case 'multichoice':
      return { 'ui:widget': 'checkboxes' };
    default:
      return undefined;
  }
}

/** The form as an RJSF schema and uiSchema. */
export function toRjsf(model: FormModel, label: Label): { schema: Json; uiSchema: Json } {
  return { schema: nodeSchema(model.root, label, 'allOf'), uiSchema: rjsfUi(model.root) ?? {} };
}

// ---------------------------------------------------------------------------------------------------------
// Input counts, to check that every peer gets the same form

/** Inputs of our model (answer-holding leaves outside repeat rows). */
export const countOurs = (model: FormModel) => inputLeaves(model.root).length;

/** Questions of a SurveyJS JSON outside dynamic-panel templates. */
export function countSurveyJs(survey: Json): number {
  const count = (els: Json[]): number =>
    els.reduce((n, el) => {
      if (el.type === 'panel') return n + count((el.elements as Json[]) ?? []);
      if (el.type === 'html' || el.type === 'paneldynamic') return n;
      return n + 1;
    }, 0);
  return ((survey.pages as Json[]) ?? []).reduce((n, p) => n + count((p.elements as Json[]) ?? []), 0);
}

const isObjectArray = (s: Json | undefined) => s?.type === 'array' && (s.items as Json | undefined)?.type === 'object';

/** Controls of a JSON Forms uischema that bind an input (not a repeat of objects). */
export function countJsonForms(forms: { schema: Json; uischema: Json }): number {
  const resolve = (scope: string): Json | undefined => {
    let s: Json | undefined = forms.schema;
    for (const seg of scope
      .replace(/^#\/?/, '')
      .split('/')
      .filter((x) => x !== '' && x !== 'properties')) {
      s = (s?.properties as Record<string, Json> | undefined)?.[seg];
    }
    return s;
  };
  const count = (el: Json): number => {
    if (el.type === 'Control') return isObjectArray(resolve(el.scope as string)) ? 0 : 1;
    return ((el.elements as Json[]) ?? []).reduce((n, c) => n + count(c), 0);
  };
  return count(forms.uischema);
}

/** Leaf properties of an RJSF schema (conditional ones included, repeat rows and static texts left out). */
export function countRjsf(forms: { schema: Json }): number {
  const count = (s: Json): number => {
    if (s.type === 'object') {
      let n = Object.values((s.properties as Record<string, Json>) ?? {}).reduce((a, p) => a + count(p), 0);
      for (const c of (s.allOf as Json[] | undefined) ?? []) {
        n += Object.values(((c.then as Json).properties as Record<string, Json> | undefined) ?? {}).reduce(
          (a, p) => a + count(p),
          0,
        );
      }
      return n;
    }
    if (isObjectArray(s) || s.type === 'null') return 0;
    return 1;
  };
  return count(forms.schema);
}
