import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consentGates, formIds, validatorLoaders, type FormId } from '@komek/forms';
import { checkConsent as decide, type CaseRecord } from './index.js';

/** The gate of a form as the catalog declares it (from the schemas), decided by core. */
const checkConsent = (formId: string, records: readonly CaseRecord[]) =>
  decide(consentGates[formId as FormId], records);

const fixture = (id: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../test/fixtures/forms', id, 'valid-1.json'), 'utf8'),
  ) as Record<string, unknown>;

describe('consent gates', () => {
  it('gate identification, assessment and planning, each by its consent form and (where there is one) its refusal', () => {
    const gates = Object.fromEntries(
      Object.entries(consentGates).map(([id, g]) => [
        id,
        [g.consents.map((c) => c.formId), g.refusals.map((r) => r.formId)],
      ]),
    );
    expect(gates).toEqual({
      'kz-f5-identification-application': [['kz-f4-interview-consent'], ['kz-f4-interview-refusal']],
      'kz-needs-assessment': [['kz-f4-interview-consent'], ['kz-f4-interview-refusal']],
      'kz-individual-aid-plan': [['kz-f4-interview-consent'], ['kz-f4-interview-refusal']],
      'kg-3.1-f3-identification-questionnaire': [
        ['kg-3.1-f1-identification-consent'],
        ['kg-3.1-f2-identification-refusal'],
      ],
      'kg-3.1-f4-family-questionnaire': [['kg-3.1-f1-identification-consent'], ['kg-3.1-f2-identification-refusal']],
      'kg-3.2-f2-needs-assessment': [['kg-3.2-f1-help-consent'], []],
      'kg-3.2-f3-individual-work-plan': [['kg-3.2-f1-help-consent'], []],
      'kg-3.2-child-protection-plan': [['kg-3.2-f1-help-consent'], []],
      'tj-f3-identification-questionnaire': [['tj-f1-identification-consent'], ['tj-f2-identification-refusal']],
      'tj-f4-family-questionnaire': [['tj-f1-identification-consent'], ['tj-f2-identification-refusal']],
      'tj-f6-needs-assessment': [['tj-f5-help-consent'], []],
      'tj-f7-individual-work-plan': [['tj-f5-help-consent'], []],
    });
  });

  it('name only forms of the catalog, each gated form by a consent form', () => {
    for (const [form, gate] of Object.entries(consentGates)) {
      expect(formIds).toContain(form);
      for (const { formId } of [...gate.consents, ...gate.refusals]) expect(formIds).toContain(formId);
    }
  });

  it('refuses a questionnaire without consent, allows it with a signed one, refuses it again after withdrawal', async () => {
    const consent = fixture('kg-3.1-f1-identification-consent');
    expect((await validatorLoaders['kg-3.1-f1-identification-consent']())(consent)).toBe(true);
    expect(checkConsent('kg-3.1-f3-identification-questionnaire', [])).toEqual({
      allowed: false,
      reason: 'missing',
      requires: ['kg-3.1-f1-identification-consent'],
    });
    const withConsent = checkConsent('kg-3.1-f3-identification-questionnaire', [
      { formId: 'kg-3.1-f1-identification-consent', data: consent },
    ]);
    expect(withConsent.allowed).toBe(true);
    const withdrawn = {
      ...consent,
      withdrawal: { date: '2099-01-01', signature: { signedBy: 'x', date: '2099-01-01' } },
    };
    const after = checkConsent('kg-3.1-f3-identification-questionnaire', [
      { formId: 'kg-3.1-f1-identification-consent', data: withdrawn },
    ]);
    expect(after).toMatchObject({ allowed: false, reason: 'withdrawn', since: '2099-01-01' });
  });

  it('lets the latest of refusal and consent decide (a TJ refusal does not bar a later identification)', () => {
    const refusal = {
      formId: 'tj-f2-identification-refusal',
      data: { applicantSignature: { signedBy: 'F. Safarov', date: '2026-03-01' } },
    };
    const consent = {
      formId: 'tj-f1-identification-consent',
      data: { applicantSignature: { signedBy: 'F. Safarov', date: '2026-05-10' } },
    };
    expect(checkConsent('tj-f3-identification-questionnaire', [refusal])).toMatchObject({
      allowed: false,
      reason: 'refused',
    });
    expect(checkConsent('tj-f3-identification-questionnaire', [refusal, consent]).allowed).toBe(true);
    expect(
      checkConsent('tj-f3-identification-questionnaire', [
        consent,
        { ...refusal, data: { applicantSignature: { date: '2026-06-01' } } },
      ]).allowed,
    ).toBe(false);
  });

  it('closes the TJ plan when assistance is later refused, and leaves ungated forms open', () => {
    const help = {
      formId: 'tj-f5-help-consent',
      data: { applicantSignature: { date: '2026-01-10' }, refusalOfAssistance: { date: '2026-02-01' } },
    };
    expect(checkConsent('tj-f7-individual-work-plan', [help])).toMatchObject({ allowed: false, reason: 'withdrawn' });
    expect(checkConsent('kz-f1-initial-application', []).allowed).toBe(true);
  });
});
