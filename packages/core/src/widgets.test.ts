import { describe, expect, it } from 'vitest';
import {
  defaultWidgets,
  rankWith,
  resolveWidget,
  typeIs,
  and,
  formatIs,
  NOT_APPLICABLE,
  type FormNode,
} from './index.js';
import { resolveUri } from './resolveRef.js';
import { messageKeyAt } from './schemaMessageKey.js';

const node = (schema: FormNode['schema'], annotation: FormNode['annotation'] = {}): FormNode => ({
  kind: 'field',
  name: 'x',
  pointer: '/x',
  labelKey: { ns: 't', key: 'x.title' },
  englishLabel: 'x',
  required: false,
  schema,
  annotation,
  widget: 'unknown',
});

describe('ranked widget testers', () => {
  it('ranks the most specific widget highest', () => {
    expect(resolveWidget(defaultWidgets, node({ type: 'string' }))).toBe('text');
    expect(resolveWidget(defaultWidgets, node({ type: 'string', format: 'date' }))).toBe('date');
    expect(resolveWidget(defaultWidgets, node({ type: 'string', maxLength: 5000 }))).toBe('textarea');
    expect(resolveWidget(defaultWidgets, node({ type: 'string', enum: ['a'] }))).toBe('choice');
    expect(resolveWidget(defaultWidgets, node({ type: 'array', items: { enum: ['a'] } }))).toBe('multichoice');
    expect(resolveWidget(defaultWidgets, node({ type: 'boolean' }))).toBe('checkbox');
    expect(resolveWidget(defaultWidgets, node({ type: 'boolean' }, { widget: 'yesno' }))).toBe('yesno');
    expect(resolveWidget(defaultWidgets, node({ type: 'integer' }))).toBe('number');
    expect(resolveWidget(defaultWidgets, node({}))).toBe('unknown');
  });
  it('lets a registration outrank the defaults, and -1 means not applicable', () => {
    const t = rankWith(10, and(typeIs('string'), formatIs('date')));
    expect(t(node({ type: 'string', format: 'date' }))).toBe(10);
    expect(t(node({ type: 'string' }))).toBe(NOT_APPLICABLE);
    expect(
      resolveWidget([...defaultWidgets, { widget: 'calendar', tester: t }], node({ type: 'string', format: 'date' })),
    ).toBe('calendar');
  });
});

describe('references and keys', () => {
  it('resolves relative schema references', () => {
    expect(resolveUri('https://s.invalid/kz/a.schema.json', '../common/defs.schema.json')).toBe(
      'https://s.invalid/common/defs.schema.json',
    );
    expect(resolveUri('https://s.invalid/kz/a.schema.json', 'b.schema.json')).toBe(
      'https://s.invalid/kz/b.schema.json',
    );
  });
  it('derives message keys from the JSON pointer of the title', () => {
    expect(messageKeyAt('https://s.invalid/kz/f.schema.json', '/properties/a/properties/b/title')).toEqual({
      ns: 'f',
      key: 'a.b.title',
    });
    expect(messageKeyAt('https://s.invalid/kz/f.schema.json', '/properties/a/x-komek/enumTitles/m')).toEqual({
      ns: 'f',
      key: 'a.enum.m',
    });
    expect(
      messageKeyAt('https://s.invalid/common/defs.schema.json', '/$defs/planMeasure/properties/progress/title'),
    ).toEqual({ ns: 'defs', key: '$defs.planMeasure.progress.title' });
  });
});
