import { describe, expect, it } from 'vitest';
import { validatorLoaders, type FormDataMap } from '@komek/forms';
import type { KzF1InitialApplication } from '@komek/forms/types/kz-f1-initial-application';
import type { TjF7IndividualWorkPlan } from '@komek/forms/types/tj-f7-individual-work-plan';

// These values are checked by the compiler (tsc -b) against the generated types, then by the generated validators.
const application: KzF1InitialApplication = {
  fullName: 'Nurlan Abdrakhmanov',
  dateOfBirth: '1991-04-12',
  placeOfBirth: { country: 'Uzbekistan', city: 'Namangan' },
  passport: { hasPassport: false },
  passportWhereabouts: 'Taken by the employer in Shymkent',
  hasWorkPermit: false,
  worksWillingly: 'forced',
  documentDate: '2026-11-20',
  signature: { signedBy: 'Nurlan Abdrakhmanov', date: '2026-11-20' },
  specialistNote: { signsOfVulnerability: true },
};

const plan: TjF7IndividualWorkPlan = {
  expert: { position: 'Specialist', fullName: 'Dilnoza Rahimova' },
  applicantName: 'Farrukh Safarov',
  dateOfCompilation: '2026-11-02',
  planTable: {
    legalHelp: [
      {
        needsRevealed: 'Lost passport',
        measures: 'Request a certificate of return from the consulate',
        timeLimit: '2026-12-01',
      },
    ],
  },
};

describe('generated types and validators agree', () => {
  it('a typed KZ Form 1 value is valid; a wrong option is refused', async () => {
    const validate = await validatorLoaders['kz-f1-initial-application']();
    expect(validate(application)).toBe(true);
    expect(validate({ ...application, worksWillingly: 'sometimes' })).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/worksWillingly');
  });

  it('a typed TJ work plan value is valid; a measure row without its measure is refused', async () => {
    const validate = await validatorLoaders['tj-f7-individual-work-plan']();
    expect(validate(plan)).toBe(true);
    const bad = { ...plan, planTable: { legalHelp: [{ needsRevealed: 'Lost passport' }] } };
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'required' && e.params.missingProperty === 'measures')).toBe(
      true,
    );
  });

  it('a typed KG questionnaire value needs its consent signature', async () => {
    type Questionnaire = FormDataMap['kg-3.1-f3-identification-questionnaire'];
    const validate = await validatorLoaders['kg-3.1-f3-identification-questionnaire']();
    const partial: Partial<Questionnaire> = { placeOfApplication: 'Osh', applicationDate: '2026-11-20' };
    expect(validate(partial)).toBe(false);
    expect(
      validate.errors?.some((e) => e.keyword === 'required' && e.params.missingProperty === 'consentToIdentification'),
    ).toBe(true);
  });
});
