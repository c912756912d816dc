import { html } from 'lit';
import { api } from '../api.js';
import { limits } from '../limits.js';
import type { KomekDesk } from '../desk.js';
import type { Screen } from '../screen.js';
import { stepNumber, type CaseSummary, type DueTask } from '../types.js';
import { minorMark, summaryLine } from './minor.js';
import { day, moment } from '../format.js';

async function newCase(desk: KomekDesk, e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const country = ((e.target as HTMLFormElement).elements.namedItem('country') as HTMLSelectElement).value;
  desk.busy = true;
  const r = await api<CaseSummary>('POST', '/api/cases', { country }, { 'idempotency-key': crypto.randomUUID() });
  desk.busy = false;
  if (desk.failed(r)) return;
  location.hash = `#/cases/${r.body.id}`;
}

/** The list of cases with its filters, and "open a case" in a country. */
export const caseListScreen: Screen<'cases'> = {
  async load(desk) {
    const { deadline, ...server } = desk.filters;
    const q = new URLSearchParams(Object.entries(server).filter(([, v]) => v !== ''));
    const [r, overdue, week] = await Promise.all([
      api<{ cases: CaseSummary[] }>('GET', `/api/cases${q.size ? `?${q}` : ''}`),
      api<{ tasks: DueTask[] }>('GET', '/api/tasks?due=overdue'),
      api<{ tasks: DueTask[] }>('GET', '/api/tasks?due=week'),
    ]);
    if (desk.failed(r)) return;
    desk.dueTasks = [
      ...(overdue.status === 200 ? overdue.body.tasks : []),
      ...(week.status === 200 ? week.body.tasks : []),
    ];
    // The deadline filter: cases with an overdue task, or with one due within the week.
    const keep = new Set(
      desk.dueTasks.filter((t) => (deadline === 'overdue' ? t.overdue : !t.overdue)).map((t) => t.caseId),
    );
    desk.cases = deadline ? r.body.cases.filter((c) => keep.has(c.id)) : r.body.cases;
  },

  render(desk) {
    const steps = [
      ...new Set(
        desk.forms.flatMap((f) =>
          desk.filters.country && f.country.toLowerCase() !== desk.filters.country ? [] : [f.step],
        ),
      ),
    ].sort((a, b) => stepNumber(a) - stepNumber(b) || a.localeCompare(b));
    // A list read again after a refused one: the message of the refused one no longer applies.
    const filter = (key: keyof KomekDesk['filters']) => (e: Event) => {
      desk.filters = { ...desk.filters, [key]: (e.target as HTMLSelectElement).value };
      desk.problem = undefined;
      void desk.load();
    };
    return html`<h1 tabindex="-1">${desk.t('cases')}</h1>
      ${desk.renderProblem()}
      <section aria-labelledby="new-case">
        <h2 id="new-case">${desk.t('newCase')}</h2>
        <form class="row" @submit=${(e: SubmitEvent) => newCase(desk, e)}>
          <label
            >${desk.t('country')}
            <select name="country">
              ${(['kz', 'kg', 'tj'] as const).map((c) => html`<option value=${c}>${desk.countryName(c)}</option>`)}
            </select></label
          >
          <button type="submit" ?disabled=${desk.busy}>${desk.t('openNewCase')}</button>
        </form>
      </section>
      <section aria-labelledby="due">
        <h2 id="due">${desk.t('dueTasksTitle')}</h2>
        ${
          desk.dueTasks.length === 0
            ? html`<p>${desk.t('noDueTasks')}</p>`
            : html`<ul class="tasks due">
                ${desk.dueTasks.map(
                  (t) =>
                    html`<li data-case=${t.caseId} data-rule=${t.ruleId}>
                      <a href="#/cases/${t.caseId}">${desk.t('caseLabel')} ${t.caseId.slice(0, 8)}</a>
                      <span>${desk.deadlineTitle(t.ruleId, t.title)}${t.sop ? ` (${t.sop})` : ''}</span>
                      <span class=${t.overdue ? 'warn' : ''}
                        >${t.overdue ? desk.t('overdue') : desk.t('due')}: ${day(desk.lang, t.dueOn)}</span
                      >
                    </li>`,
                )}
              </ul>`
        }
      </section>
      <section aria-labelledby="list">
        <h2 id="list">${desk.t('cases')}</h2>
        <form
          class="row search"
          role="search"
          @submit=${async (e: SubmitEvent) => {
            e.preventDefault();
            const q = ((e.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement).value.trim();
            if (await desk.refuseText('searchLabel', q, limits.search)) return;
            desk.filters = { ...desk.filters, q };
            desk.problem = undefined;
            void desk.load();
          }}
        >
          <label
            >${desk.t('searchLabel')} <input type="search" name="q" .value=${desk.filters.q} autocomplete="off"
          /></label>
          <button type="submit">${desk.t('search')}</button>
        </form>
        <div class="row filters">
          <label
            >${desk.t('country')}
            <select @change=${filter('country')}>
              <option value="">${desk.t('any')}</option>
              ${(['kz', 'kg', 'tj'] as const).map((c) => html`<option value=${c} ?selected=${desk.filters.country === c}>${desk.countryName(c)}</option>`)}
            </select></label
          >
          <label
            >${desk.t('status')}
            <select @change=${filter('status')}>
              <option value="">${desk.t('any')}</option>
              <option value="open" ?selected=${desk.filters.status === 'open'}>${desk.t('open')}</option>
              <option value="closed" ?selected=${desk.filters.status === 'closed'}>${desk.t('closed')}</option>
            </select></label
          >
          <label
            >${desk.t('step')}
            <select @change=${filter('step')}>
              <option value="">${desk.t('any')}</option>
              ${steps.map((s) => html`<option value=${s} ?selected=${desk.filters.step === s}>${desk.stepLabel(s)}</option>`)}
            </select></label
          >
          <label
            >${desk.t('deadlines')}
            <select @change=${filter('deadline')}>
              <option value="">${desk.t('any')}</option>
              <option value="overdue" ?selected=${desk.filters.deadline === 'overdue'}>${desk.t('overdue')}</option>
              <option value="week" ?selected=${desk.filters.deadline === 'week'}>${desk.t('dueThisWeek')}</option>
            </select></label
          >
        </div>
        ${
          desk.cases === undefined
            ? html`<p>${desk.t('loading')}</p>`
            : desk.cases.length === 0
              ? html`<p>${desk.t('noCases')}</p>`
              : html`<ul class="cases">
                  ${desk.cases.map(
                    (c) =>
                      html`<li>
                        <a href="#/cases/${c.id}">${desk.t('caseLabel')} ${c.id.slice(0, 8)}</a>
                        ${summaryLine(desk, c)} ${minorMark(desk, c)}
                        <span
                          >${desk.countryName(c.country)} ·
                          ${c.status === 'open' ? desk.t('open') : desk.t('closed')}${c.step ? ` · ${desk.stepLabel(c.step)}` : ''}</span
                        >
                        <span class="muted"
                          >${desk.t('updated')}: ${moment(desk.lang, c.updatedAt ?? c.createdAt)}</span
                        >
                      </li>`,
                  )}
                </ul>`
        }
      </section>`;
  },
};
