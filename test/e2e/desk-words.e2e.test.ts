/**
 * The case desk in Russian has no English left where a person reads it: the SOP's step headings of a case, the
 * step filter and a case's step in the list, and the forms offered as blank PDFs on the case page.
 */
import { describe, expect, it } from 'vitest';
import { openCase, signedIn, phoneDesk } from './desk-support.js';

const desk = phoneDesk('komek-desk-words');

describe('the case desk in Russian', () => {
  it('words the SOP steps and the blank forms in Russian', async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    await openCase(page);
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('heading', { name: 'Шаги СОП и их формы' }).waitFor();

    // The steps' headings: "Шаг 1 (1.4); Шаг 2 (2.1-2.3)", "Шаги 9-11".
    await page.locator('ol.sop h3').first().waitFor();
    const steps = await page.locator('ol.sop h3').allTextContents();
    expect(steps.length).toBeGreaterThan(3);
    expect(steps).toContain('KZ 2.1 · Шаг 1 (1.4); Шаг 2 (2.1-2.3)');
    expect(steps.join('\n')).toContain('Шаги 9-11');
    expect(steps.join('\n')).not.toMatch(/\bSteps?\b/);

    // The forms' titles under them.
    await expect
      .poll(() => page.locator('li[data-form="kz-f1-initial-application"] .title').textContent())
      .toBe('Первичное заявление мигранта в уязвимом положении');

    // The blank forms to print: their titles in Russian.
    const blanks = await page.getByLabel('Пустой бланк').locator('option').allTextContents();
    expect(blanks).toContain('Первичное заявление мигранта в уязвимом положении');
    expect(blanks).not.toContain('The initial application of a migrant in a vulnerable situation');

    // The list's step filter.
    await page.getByRole('link', { name: 'Все дела' }).click();
    await page.getByRole('heading', { name: 'Дела', level: 1 }).waitFor();
    await page.getByLabel('Шаг СОП').locator('option').nth(3).waitFor({ state: 'attached' });
    const filter = await page.getByLabel('Шаг СОП').locator('option').allTextContents();
    expect(filter.length).toBeGreaterThan(3);
    expect(filter.join('\n')).not.toMatch(/\bSteps?\b/);
    expect(filter.join('\n')).toContain('Шаг 1 (1.4)');
  });
});

describe('a new case on a phone', () => {
  it('has links back that are at least 44 px tall, as the buttons are, and says there is nothing to refer yet', async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    await openCase(page);
    // Measured again until it holds: the case page is drawn once while the case loads and again when it has come, and
    // a link measured in between may be gone (no box).
    const height = (name: string) =>
      expect.poll(async () => (await page.getByRole('link', { name, exact: true }).boundingBox())?.height ?? 0);
    await height('All cases').toBeGreaterThanOrEqual(44);

    // A new case has nothing to share yet: the referral's sections say so rather than stand empty.
    const sections = page.getByRole('group', { name: /^Sections to share/ });
    await expect.poll(() => sections.textContent()).toContain('No forms recorded yet.');
    await page.locator('li[data-form="kz-f1-initial-application"]').getByRole('link').click();
    await page.getByRole('link', { name: 'Back to the case', exact: true }).waitFor();
    await height('Back to the case').toBeGreaterThanOrEqual(44);

    // The case in the list.
    const caseId = /#\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.getByRole('link', { name: 'Back to the case', exact: true }).click();
    await page.getByRole('link', { name: 'All cases', exact: true }).click();
    await page.getByRole('link', { name: `Case ${caseId.slice(0, 8)}`, exact: true }).waitFor();
    await height(`Case ${caseId.slice(0, 8)}`).toBeGreaterThanOrEqual(44);
  });
});
