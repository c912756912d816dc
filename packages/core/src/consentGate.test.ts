import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formIds, validatorLoaders } from '@komek/forms';
import { checkConsent, consentGates } from './index.js';

const fixture = (id: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../test/fixtures/forms', id, 'valid-1.json'), 'utf8')) as Record<string, unknown>;

describe('consent gates', () => {
  it('name only forms of the catalog, each gated form by a consent form', () => {
    for (const [form, gate] of Object.entries(consentGates)) {
      expect(formIds).toContain(form);
      for (const id of [...gate.consents, ...gate.refusals]) expect(formIds).toContain(id);
    }
  });

  it('refuses a questionnaire without consent, allows it with a signed one, refuses it again after withdrawal', async () => {
    const consent = fixture('kg-3.1-f1-identification-consent');
    expect((await validatorLoaders['kg-3.1-f1-identification-consent']())(consent)).toBe(true);
    expect(checkConsent('kg-3.1-f3-identification-questionnaire', [])).toEqual({
      allowed: false, reason: 'missing', requires: ['kg-3.1-f1-identification-consent'],
    });
    const withConsent = checkConsent('kg-3.1-f3-identification-questionnaire', [{ formId: 'kg-3.1-f1-identification-consent', data: consent }]);
    expect(withConsent.allowed).toBe(true);
    const withdrawn = { ...consent, withdrawal: { date: '2099-01-01', signature: { signedBy: 'x', date: '2099-01-01' } } };
    const after = checkConsent('kg-3.1-f3-identification-questionnaire', [{ formId: 'kg-3.1-f1-identification-consent', data: withdrawn }]);
    expect(after).toMatchObject({ allowed: false, reason: 'withdrawn', since: '2099-01-01' });
  });

  it('lets the latest of refusal and consent decide (a TJ refusal does not bar a later identification)', () => {
    const refusal = { formId: 'tj-f2-identification-refusal', data: { applicantSignature: { signedBy: 'F. Safarov', date: '2026-03-01' } } };
    const consent = { formId: 'tj-f1-identification-consent', data: { applicantSignature: { signedBy: 'F. Safarov', date: '2026-05-10' } } };
    expect(checkConsent('tj-f3-identification-questionnaire', [refusal])).toMatchObject({ allowed: false, reason: 'refused' });
    expect(checkConsent('tj-f3-identification-questionnaire', [refusal, consent]).allowed).toBe(true);
    expect(checkConsent('tj-f3-identification-questionnaire', [consent, { ...refusal, data: { applicantSignature: { date: '2026-06-01' } } }]).allowed).toBe(false);
  });

  it('closes the TJ plan when assistance is later refused, and leaves ungated forms open', () => {
    const help = { formId: 'tj-f5-help-consent', data: { applicantSignature: { date: '2026-01-10' }, refusalOfAssistance: { date: '2026-02-01' } } };
    expect(checkConsent('tj-f7-individual-work-plan', [help])).toMatchObject({ allowed: false, reason: 'withdrawn' });
    expect(checkConsent('kz-f1-initial-application', []).allowed).toBe(true);
  });
});
