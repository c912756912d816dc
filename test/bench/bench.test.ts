// The comparison is fair only if every peer gets the same form: this checks the converter on the benchmarked
// form (the catalog's largest) without running any benchmark.
import { describe, expect, it } from 'vitest';
import {
  countJsonForms,
  countOurs,
  countRjsf,
  countSurveyJs,
  surveyName,
  toJsonForms,
  toRjsf,
  toSurveyJs,
  toSurveyData,
} from './convert.js';
import { fixture, inputLeaves, labeler, pickForm, rankForms } from './form.js';

const form = await pickForm();
const label = labeler(['ru']);

describe(`peer definitions of ${form.id}`, () => {
  it('is the largest form of the catalog', async () => {
    const ranked = await rankForms();
    if (!process.env.KOMEK_BENCH_FORM) expect(form.inputs).toBe(ranked[0]!.inputs);
    expect(form.inputs).toBeGreaterThan(50);
  });

  it('gives SurveyJS, JSON Forms and RJSF as many inputs as ours', () => {
    const ours = countOurs(form.model);
    expect(countSurveyJs(toSurveyJs(form.model, label))).toBe(ours);
    expect(countJsonForms(toJsonForms(form.model, label))).toBe(ours);
    expect(countRjsf(toRjsf(form.model, label))).toBe(ours);
  });

  it('gives SurveyJS one unique name per input and the same required marks', () => {
    const survey = toSurveyJs(form.model, label);
    const questions: Record<string, unknown>[] = [];
    const visit = (els: Record<string, unknown>[]) =>
      els.forEach((el) =>
        el.type === 'panel'
          ? visit(el.elements as Record<string, unknown>[])
          : el.type !== 'html' && el.type !== 'paneldynamic' && questions.push(el),
      );
    visit((survey.pages as { elements: Record<string, unknown>[] }[])[0]!.elements);
    const names = questions.map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
    const leaves = inputLeaves(form.model.root);
    expect(names).toEqual(leaves.map(surveyName));
    expect(questions.filter((q) => q.isRequired).length).toBe(leaves.filter((n) => n.required).length);
    expect(questions.filter((q) => q.visibleIf !== undefined).length).toBe(leaves.filter((n) => n.condition).length);
  });

  it('maps the valid fixture onto SurveyJS question names', () => {
    const data = toSurveyData(form.model, fixture(form.id, 'valid-1'));
    const names = new Set(inputLeaves(form.model.root).map(surveyName));
    for (const [name, value] of Object.entries(data))
      if (!Array.isArray(value)) expect(names.has(name), name).toBe(true);
    expect(Object.keys(data).length).toBeGreaterThan(5);
  });
});
