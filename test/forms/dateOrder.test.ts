import { describe, expect, it } from 'vitest';
import { buildFormModel, mapErrors } from '@komek/core';
import { schemaLoaders, validatorLoaders } from '@komek/forms';
import { loadMessages, validationMessage } from '@komek/i18n';

/**
 * Orders of dates the schemas declare (`x-komek.dateOrder`), checked by the generated validators: an expiry before
 * the issue, a period that ends before it starts. The message sits on the later date and names the earlier one.
 */
describe('date orders declared in the schemas', () => {
  it('refuses a passport that expires before it was issued, on the expiry date, in the reader\u2019s language', async () => {
    const id = 'kz-f1-initial-application';
    const [validate, model] = await Promise.all([validatorLoaders[id](), schemaLoaders[id]().then(buildFormModel)]);
    const passport = { hasPassport: true, number: 'N123', issueDate: '2020-05-01', expiryDate: '2019-05-01' };
    expect(validate({ passport })).toBe(false);
    const issues = mapErrors(model, validate.errors).filter((i) => i.keyword === 'dateOrder');
    expect(issues.map((i) => i.pointer)).toEqual(['/passport/expiryDate']);
    await loadMessages('ru', ['ui', 'kz-f1-initial-application']);
    const ru = validationMessage(issues[0]!, 'ru', 'дата окончания срока действия');
    expect(ru).toMatch(/не может быть раньше/);
    expect(ru).toMatch(/выдачи/i);
    expect(validationMessage(issues[0]!, 'en', 'expiry date')).toBe(
      '“expiry date” cannot be earlier than “date of issue”.',
    );
    // The same day, a later day, or a date not yet complete: no order problem.
    for (const expiryDate of ['2020-05-01', '2030-05-01', '01.05']) {
      validate({ passport: { ...passport, expiryDate } });
      expect((validate.errors ?? []).filter((e) => e.keyword === 'dateOrder')).toEqual([]);
    }
  });

  it('refuses a plan period that ends before it starts', async () => {
    const validate = await validatorLoaders['tj-f7-individual-work-plan']();
    validate({ periodOfValidity: { from: '2026-03-01', to: '2026-02-01' } });
    expect((validate.errors ?? []).filter((e) => e.keyword === 'dateOrder').map((e) => e.params)).toEqual([
      { earlier: '/from', later: '/to' },
    ]);
  });
});
