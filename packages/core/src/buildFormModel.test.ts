import { describe, expect, it } from 'vitest';
import { schemaLoaders } from '@komek/forms';
import {
  childrenOf,
  itemOf,
  optionsOf,
  widgetOf,
  buildFormModel,
  walkNodes,
  type FormModel,
  type FormNode,
} from './index.js';

const load = async (id: keyof typeof schemaLoaders) => buildFormModel(await schemaLoaders[id]());
const byNumber = (m: FormModel, n: string) => [...walkNodes(m.root)].find((x) => x.number === n);

describe('buildFormModel', () => {
  it('walks KZ Form 1 into fields in print order with verbatim labels and derived parts marked', async () => {
    const m = await load('kz-f1-initial-application');
    expect(m.meta.id).toBe('kz-f1-initial-application');
    expect(m.root.children.slice(0, 3).map((n) => n.englishLabel)).toEqual([
      'Full name',
      'Date of birth—day, month, year',
      'Place of Birth: country, city, district, inhabited locality',
    ]);
    const whereabouts = m.byPointer.get('/passportWhereabouts')!;
    expect(whereabouts.condition?.scope).toBe('');
    expect(whereabouts.required).toBe(true);
    expect(m.byPointer.get('/passport/hasPassport')!.derived).toMatch(/passport/);
    expect(m.byPointer.get('/fullName')!.derived).toBeUndefined();
    // A printed question whose options are read from its wording is a reading, not a part missing from paper.
    expect(m.byPointer.get('/worksWillingly')!.reading).toMatch(/wording/);
    expect(m.byPointer.get('/worksWillingly')!.derived).toBeUndefined();
    expect(m.byPointer.get('/signature')!.kind).toBe('signature');
    expect(optionsOf(m.byPointer.get('/worksWillingly'))!.map((o) => o.englishLabel)).toEqual(['willingly', 'forced']);
    expect(widgetOf(m.byPointer.get('/specialistNote/signsOfVulnerability'))).toBe('yesno');
    expect(widgetOf(m.byPointer.get('/dateOfBirth'))).toBe('date');
    expect(widgetOf(m.byPointer.get('/healthProblems'))).toBe('textarea');
    expect(widgetOf(m.byPointer.get('/familyMembersInKazakhstan'))).toBe('number');
  });

  it('gives the KG questionnaire its indicator groups 3.1–6.2 with their sub-items, as in the source', async () => {
    const m = await load('kg-3.1-f3-identification-questionnaire');
    const yesNoCount = (n: FormNode) => childrenOf(n).filter((c) => widgetOf(c) === 'yesno').length;
    // Sub-item counts of KG 3.1 Form 3 (source lines 3045–3083; FORMS.md §2a).
    const expected: Record<string, number> = {
      '3.2': 4,
      '3.3': 2,
      '3.4': 4,
      '3.5': 6,
      '3.6': 5,
      '3.7': 3,
      '3.8': 3,
      '4.1': 3,
      '4.2': 2,
      '4.3': 3,
      '4.4': 3,
      '4.5': 3,
      '5.1': 3,
      '5.2': 3,
      '5.3': 2,
    };
    for (const [num, count] of Object.entries(expected)) {
      const group = byNumber(m, num);
      expect(group, `group ${num}`).toBeDefined();
      expect(group!.kind, `group ${num}`).toBe('indicators');
      expect(yesNoCount(group!), `sub-items of ${num}`).toBe(count);
    }
    for (const single of ['3.1', '5.4', '5.5', '6.1', '6.2']) {
      expect(widgetOf(byNumber(m, single)), `indicator ${single}`).toBe('yesno');
    }
    expect(byNumber(m, '6.3')).toBeUndefined();
    expect(childrenOf(byNumber(m, '3.5')).map((c) => c.englishLabel)).toContain('viral hepatitis');
    expect(childrenOf(byNumber(m, '3.7')).map((c) => c.englishLabel)).not.toContain('physical violence');
    // Items of the shared base carry their KG source line.
    expect(childrenOf(byNumber(m, '3.2'))[0]!.line).toBe(3049);
    const sections = m.root.children.filter((c) => /^[1-6]$/.test(c.number ?? '')).map((c) => c.number);
    expect(sections).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('models the TJ work plan as five row categories of repeatable eight-column measures', async () => {
    const m = await load('tj-f7-individual-work-plan');
    const plan = [...walkNodes(m.root)].find((n) => n.kind === 'planTable')!;
    expect(plan.children.map((c) => c.englishLabel)).toEqual([
      'Social and medical help',
      'Legal help',
      'Psychological help',
      'Social and domestic help',
      'Other help',
    ]);
    for (const category of plan.children) {
      expect(category.kind).toBe('repeat');
      expect(childrenOf(itemOf(category)).map((c) => c.englishLabel)).toEqual([
        'Needs revealed',
        'Measures aimed at the provision of help and rehabilitation',
        'Time limits for completion',
        'Expected result',
        'Responsible for execution',
        'The mark on execution / non-execution (the reason)',
        'Signature of responsible person',
        'The progress achieved',
      ]);
    }
    expect([...walkNodes(m.root)].some((n) => n.englishLabel === 'Period of validity')).toBe(true);
  });

  it('derives each label key from where the title is written', async () => {
    const m = await load('tj-f7-individual-work-plan');
    const plan = [...walkNodes(m.root)].find((n) => n.kind === 'planTable')!;
    const col = childrenOf(itemOf(childrenOf(plan)[0]))[0]!;
    expect(col.labelKey).toEqual({ ns: 'defs', key: '$defs.planMeasure.needsRevealed.title' });
    const kz = await load('kz-f1-initial-application');
    expect(kz.byPointer.get('/passport/number')!.labelKey).toEqual({
      ns: 'kz-f1-initial-application',
      key: 'passport.number.title',
    });
    expect(optionsOf(kz.byPointer.get('/worksWillingly'))![1]!.labelKey).toEqual({
      ns: 'kz-f1-initial-application',
      key: 'worksWillingly.enum.forced',
    });
  });

  it('refuses a schema that is not a form', () => {
    expect(() => buildFormModel({ root: 'x:a', schemas: { 'x:a': { type: 'object' } } })).toThrow(/not a form/);
  });
});
