import { html, nothing } from 'lit';
import deadlines from '../../../../schemas/deadlines.json';
import type { KomekDesk } from '../desk.js';
import type { Screen } from '../screen.js';
import { renderCaseOutbox } from '../panels/outbox-panel.js';
import { renderPaper } from '../panels/paper-panel.js';
import { stepNumber, type Consent } from '../types.js';

const deadlineTitles = new Map(
  (deadlines as { deadlines: { id: string; title: string }[] }).deadlines.map((d) => [d.id, d.title]),
);

function consentLabel(desk: KomekDesk, c: Consent | undefined): string {
  if (!c) return '';
  if (c.allowed) return desk.t('consentGiven');
  return desk.t(
    c.reason === 'refused' ? 'consentRefused' : c.reason === 'withdrawn' ? 'consentWithdrawn' : 'consentMissing',
  );
}

/** A case: where it stands in its country's SOP, consent, and its deadlines. */
export const casePageScreen: Screen<'case'> = {
  load: (desk, route) => desk.loadCase(route.id, true),

  render(desk, route) {
    const c = desk.current;
    if (!c)
      return html`<p><a href="#/cases">${desk.t('backToCases')}</a></p>
        <h1 tabindex="-1">${desk.t('caseLabel')} ${route.id.slice(0, 8)}</h1>
        ${desk.notice ? html`<p class="saved" role="status">${desk.notice}</p>` : nothing} ${desk.renderProblem()}
        ${renderCaseOutbox(desk, route.id)} ${desk.problem ? nothing : html`<p>${desk.t('loading')}</p>`}`;
    const forms = desk.forms
      .filter((f) => f.country.toLowerCase() === c.country)
      .sort((a, b) => stepNumber(a.step) - stepNumber(b.step) || a.id.localeCompare(b.id));
    const today = new Date().toISOString().slice(0, 10);
    const notice = desk.notice;
    desk.notice = '';
    return html`<p><a href="#/cases">${desk.t('backToCases')}</a></p>
      <h1 tabindex="-1">${desk.t('caseLabel')} ${c.id.slice(0, 8)}</h1>
      <p>
        ${desk.countryName(c.country)} · ${c.status === 'open' ? desk.t('open') : desk.t('closed')} ·
        ${desk.t('created')}: ${new Date(c.createdAt).toLocaleString(desk.lang)}
      </p>
      ${notice ? html`<p class="saved" role="status">${notice}</p>` : nothing} ${desk.renderProblem()}
      ${renderCaseOutbox(desk, c.id)}
      <section aria-labelledby="steps">
        <h2 id="steps">${desk.t('sopSteps')}</h2>
        <ol class="steps">
          ${forms.map((f) => {
            const done = c.submissions.filter((s) => s.formId === f.id);
            const consent = c.consent[f.id];
            return html`<li data-form=${f.id}>
              <span class="step">${f.sop} · ${f.step}</span>
              <span class="title">${f.title}</span>
              <span class="state">
                ${
                  done.length
                    ? html`<span class="ok"
                        >${desk.t('submitted')}:
                        ${new Date(done[done.length - 1]!.updatedAt).toLocaleDateString(desk.lang)}</span
                      >`
                    : html`<span class="muted">${desk.t('notYet')}</span>`
                }
                ${consent ? html`<span class=${consent.allowed ? 'ok' : 'warn'}>${consentLabel(desk, consent)}</span>` : nothing}
              </span>
              <a class="button" href="#/cases/${c.id}/forms/${f.id}"
                >${done.length ? desk.t('fillAgain') : desk.t('fillForm')}<span class="visually-hidden"
                  >: ${f.title}</span
                ></a
              >
            </li>`;
          })}
        </ol>
      </section>
      <section aria-labelledby="tasks">
        <h2 id="tasks">${desk.t('tasks')}</h2>
        ${
          c.tasks.length === 0
            ? html`<p>${desk.t('noTasks')}</p>`
            : html`<ul class="tasks">
                ${c.tasks.map(
                  (t) =>
                    html`<li>
                      <span>${deadlineTitles.get(t.ruleId) ?? t.ruleId}</span>
                      <span class=${t.doneAt ? 'ok' : t.dueOn < today ? 'warn' : ''}>
                        ${t.doneAt ? desk.t('done') : t.dueOn < today ? desk.t('overdue') : desk.t('due')}:
                        ${new Date(`${t.dueOn}T00:00:00`).toLocaleDateString(desk.lang)}
                      </span>
                    </li>`,
                )}
              </ul>`
        }
      </section>
      ${renderPaper(desk, c)}`;
  },
};
