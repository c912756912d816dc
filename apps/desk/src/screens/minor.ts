import { css, html, nothing, type TemplateResult } from 'lit';
import type { KomekDesk } from '../desk.js';
import type { MessageKey } from '../messages.js';
import type { CaseSummary, CaseView, MinorFlag } from '../types.js';
import { day as formatDay, typed } from '../format.js';

/**
 * Minors and the case summary on the desk's pages: the summary line and "minor" mark of a case (list and case
 * page), the case page's minor section (date of birth and where it came from, the child-protection steps of the
 * SOP, the signed forms flagged after a change of the date of birth), and the form page's note on the minor
 * indicators the server set from the date of birth.
 */

const day = (desk: KomekDesk, d: string) => formatDay(desk.lang, d);

/** "Minor (15)" — shown beside a case wherever it is named. */
export function minorMark(
  desk: KomekDesk,
  c: { minor?: boolean; age?: number | null },
): TemplateResult | typeof nothing {
  if (!c.minor) return nothing;
  return html`<span class="minor-mark"
    >${desk.t('minor')}${c.age != null ? html` (${desk.t('age')}: ${c.age})` : nothing}</span
  >`;
}

/** The case's summary fields in one line: name, date of birth, citizenship, place. */
export function summaryLine(desk: KomekDesk, c: Pick<CaseSummary, 'summary'>): TemplateResult | typeof nothing {
  const s = c.summary;
  if (!s || !Object.keys(s).length) return nothing;
  // Each value typed into a form is isolated (typed): a right-to-left override in the name cannot reverse the date
  // of birth after it.
  const parts = [
    s.fullName ? typed(s.fullName) : undefined,
    s.dateOfBirth ? html`${desk.t('dateOfBirth')}: ${day(desk, s.dateOfBirth)}` : undefined,
    s.citizenship ? html`${desk.t('citizenship')}: ${typed(s.citizenship)}` : undefined,
    s.place ? typed(s.place) : undefined,
  ].filter((p) => p !== undefined);
  return html`<span class="summary">${parts.map((p, i) => (i ? html` · ${p}` : p))}</span>`;
}

function flagText(desk: KomekDesk, f: MinorFlag): string {
  if (f.kind === 'date-of-birth')
    return `${desk.t('flagDateOfBirth')}: ${day(desk, String(f.recorded))} → ${day(desk, String(f.expected))}`;
  const says = f.expected ? desk.t('flagNotMinor') : desk.t('flagMinor');
  return `${says} (${desk.t('ageAtStep')}: ${f.ageAtStep})`;
}

/** The case page's section on a minor, and on signed forms that no longer agree with the date of birth. */
export function renderMinorSection(desk: KomekDesk, c: CaseView): TemplateResult | typeof nothing {
  const m = c.minor;
  if (!m || (!m.minor && !m.flags.length)) return nothing;
  return html`${
    m.minor
      ? html`<section class="minor" aria-labelledby="minor">
          <h2 id="minor">${desk.t('minorTitle')}</h2>
          <p>
            ${desk.t('dateOfBirth')}: ${day(desk, m.dateOfBirth!)} · ${desk.t('age')}: ${m.age}
            ${m.source ? html` · ${desk.t('recordedOn')}: ${desk.formTitle(m.source.formId)}` : nothing}
          </p>
          <p>${desk.t('minorIntro')}</p>
          <h3>${desk.t('childProtectionTitle')}</h3>
          <ul class="child-protection">
            ${m.childProtection.map(
              (p) =>
                html`<li data-step=${p.id}>
                  <span>${desk.t(`cp_${p.id}` as MessageKey)}</span>
                  <span class="muted">${p.sop}, ${desk.t('sourceLines')} ${p.sourceLines}</span>
                  ${p.form ? html`<a href="#/cases/${c.id}/forms/${p.form}">${desk.formTitle(p.form)}</a>` : nothing}
                </li>`,
            )}
          </ul>
        </section>`
      : nothing
  }
  ${
    m.flags.length
      ? html`<section class="flags" aria-labelledby="flags">
          <h2 id="flags">${desk.t('flagsTitle')}</h2>
          <p>${desk.t('flagsIntro')}</p>
          <ul>
            ${m.flags.map(
              (f) =>
                html`<li data-flag=${f.kind} data-form=${f.formId}>
                  <a href="#/cases/${c.id}/forms/${f.formId}">${desk.formTitle(f.formId)}</a>
                  <span class="warn">${flagText(desk, f)}</span>
                </li>`,
            )}
          </ul>
        </section>`
      : nothing
  }`;
}

/** Prefill's minor indicators (`fact: "minor"`): what the form page says about them. */
export interface DerivedSource {
  fact: string;
  pointer: string;
  derived?: boolean;
  age?: number;
}

/** The form page's note: the minor indicators are set from the date of birth, not asked. */
export function renderDerivedNote(
  desk: KomekDesk,
  sources: readonly DerivedSource[] | undefined,
): TemplateResult | typeof nothing {
  const minor = sources?.filter((s) => s.fact === 'minor' && s.derived);
  if (!minor?.length) return nothing;
  const age = minor[0]!.age;
  const isMinor = age !== undefined && age < 18;
  return html`<p class="derived-minor" role="note">
    ${isMinor ? html`<span class="minor-mark">${desk.t('minor')}</span> ` : nothing}${desk.t(isMinor ? 'derivedMinor' : 'derivedAdult')}
    (${desk.t('age')}: ${age})
  </p>`;
}

export const minorStyles = css`
  .minor-mark {
    display: inline-block;
    padding: 0 0.4em;
    border: 2px solid currentColor;
    border-radius: 0.3em;
    font-weight: 600;
  }
  .summary {
    font-weight: 600;
  }
  section.minor,
  section.flags,
  .derived-minor {
    border-inline-start: 4px solid currentColor;
    padding-inline-start: 0.75rem;
  }
  .child-protection li,
  section.flags li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin-block: 0.4rem;
  }
`;
