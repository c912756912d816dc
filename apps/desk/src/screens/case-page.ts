import { css, html, nothing, type TemplateResult } from 'lit';
import deadlines from '../../../../schemas/deadlines.json';
import { api } from '../api.js';
import { referralNotes } from './referral-notes.js';
import type { KomekDesk } from '../desk.js';
import { limits } from '../limits.js';
import type { MessageKey } from '../messages.js';
import type { Screen } from '../screen.js';
import { minorMark, renderMinorSection, summaryLine } from './minor.js';
import { stepNumber, type Approval, type CaseView, type Consent, type FormEntry, type Task } from '../types.js';
import { renderCaseOutbox } from '../panels/outbox-panel.js';
import { renderPaper } from '../panels/paper-panel.js';
import { day as formatDay, moment, typed } from '../format.js';

interface Rule {
  id: string;
  title: string;
  sop: string;
  sourceLines: string;
  doneWhen?: { form: string };
  after: { form: string };
}
const rules = (deadlines as { deadlines: Rule[] }).deadlines;
const deadlineTitles = new Map(rules.map((d) => [d.id, d.title]));

/** Kinds of help a referral is for (the API takes any short text; these are the SOPs' kinds). */
export const referralKinds = [
  'legal',
  'medical',
  'psychological',
  'shelter',
  'social',
  'employment',
  'return',
] as const;

function consentLabel(desk: KomekDesk, c: Consent | undefined): string {
  if (!c) return '';
  if (c.allowed) return desk.t('consentGiven');
  return desk.t(
    c.reason === 'refused' ? 'consentRefused' : c.reason === 'withdrawn' ? 'consentWithdrawn' : 'consentMissing',
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const day = (desk: KomekDesk, d: string) => formatDay(desk.lang, d);

/** A deadline as a person reads it: due, overdue, done on time or done late. */
export function deadlineState(desk: KomekDesk, t: Task): TemplateResult {
  const done = t.doneAt?.slice(0, 10);
  const [cls, word] = done
    ? done <= t.dueOn
      ? ['ok', desk.t('doneOnTime')]
      : ['warn', desk.t('doneLate')]
    : t.dueOn < today()
      ? ['warn', desk.t('overdue')]
      : ['', desk.t('due')];
  return html`<span class=${cls}>${word}: ${day(desk, t.dueOn)}</span>`;
}

/** The approval that applies to the latest submission of a form (none when the form was revised since). */
function approvalOf(c: CaseView, formId: string): Approval | 'none' | undefined {
  const latest = [...c.submissions].reverse().find((s) => s.formId === formId);
  if (!latest) return undefined;
  const a = [...c.approvals].reverse().find((x) => x.submissionId === latest.id && x.revision === latest.revision);
  return a ?? 'none';
}

async function sendForApproval(desk: KomekDesk, c: CaseView, formId: string): Promise<void> {
  const latest = [...c.submissions].reverse().find((s) => s.formId === formId)!;
  desk.busy = true;
  const r = await api(
    'POST',
    `/api/cases/${c.id}/approvals`,
    { submissionId: latest.id },
    {
      'idempotency-key': crypto.randomUUID(),
    },
  );
  desk.busy = false;
  if (desk.failed(r)) return;
  desk.notice = desk.t('approvalSent');
  await desk.loadCase(c.id, true);
}

function renderApproval(desk: KomekDesk, c: CaseView, f: FormEntry): TemplateResult | typeof nothing {
  if (!f.approval) return nothing;
  const a = approvalOf(c, f.id);
  if (a === undefined) return html`<span class="muted">${desk.t('approvalNeeded')}</span>`;
  if (a === 'none')
    return html`<span class="warn">${desk.t('approvalNeeded')}</span>
      <button type="button" class="secondary" ?disabled=${desk.busy} @click=${() => sendForApproval(desk, c, f.id)}>
        ${desk.t('sendForApproval')}<span class="visually-hidden">: ${desk.formTitle(f.id)}</span>
      </button>`;
  if (a.status === 'pending') return html`<span class="muted">${desk.t('approvalPending')}</span>`;
  if (a.status === 'approved')
    return html`<span class="ok"
      >${desk.t('approvalApproved')}: ${day(desk, a.decidedAt!)}${a.comment ? html` — ${typed(a.comment)}` : ''}</span
    >`;
  return html`<span class="warn">${desk.t('approvalReturned')}: ${typed(a.comment)}</span>
    <button type="button" class="secondary" ?disabled=${desk.busy} @click=${() => sendForApproval(desk, c, f.id)}>
      ${desk.t('sendForApproval')}<span class="visually-hidden">: ${desk.formTitle(f.id)}</span>
    </button>`;
}

/** Why gated forms are closed when the migrant refused or withdrew, and what the guidelines say happens next. */
function renderRefusal(desk: KomekDesk, c: CaseView): TemplateResult | typeof nothing {
  const states = Object.values(c.consent).filter((s): s is Extract<Consent, { allowed: false }> => !s.allowed);
  const withdrawn = states.some((s) => s.reason === 'withdrawn');
  const refused = states.some((s) => s.reason === 'refused');
  if (!withdrawn && !refused) return nothing;
  return html`<section class="refusal" aria-labelledby="refusal">
    <h2 id="refusal">${desk.t(withdrawn ? 'withdrawnTitle' : 'refusedTitle')}</h2>
    <p>${desk.t(withdrawn ? 'withdrawnWhy' : 'refusedWhy')}</p>
    <p>${desk.t(`next_${c.country}` as MessageKey)}</p>
  </section>`;
}

async function sendReferral(desk: KomekDesk, c: CaseView, e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
  const orgId = value('organisation');
  const org = desk.organisations.find((o) => o.id === orgId);
  const sections = [...form.querySelectorAll<HTMLInputElement>('input[name="section"]:checked')].map((i) => i.value);
  const note = value('note').trim();
  const body = value('body').trim();
  if (!org && (await desk.refuseText('otherBodyName', body, limits.receivingBody, true))) return;
  if (await desk.refuseText('note', note, limits.note)) return;
  desk.problem = undefined;
  desk.busy = true;
  const r = await api(
    'POST',
    `/api/cases/${c.id}/referrals`,
    {
      receivingBody: org ? org.name : body,
      kind: value('kind'),
      sections,
      ...(note ? { note } : {}),
      ...(org ? { receivingOrganisationId: org.id } : {}),
    },
    { 'idempotency-key': crypto.randomUUID() },
  );
  desk.busy = false;
  if (desk.failed(r)) {
    await desk.updateComplete;
    desk.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
    return;
  }
  desk.notice = desk.t('referralSent');
  await desk.loadCase(c.id, true);
}

function renderReferrals(desk: KomekDesk, c: CaseView): TemplateResult {
  const submitted = [...new Set(c.submissions.map((s) => s.formId))];
  return html`<section aria-labelledby="referrals">
    <h2 id="referrals">${desk.t('referrals')}</h2>
    ${
      c.referrals.length
        ? html`<ul class="tasks">
            ${c.referrals.map(
              (r) =>
                html`<li>
                  <span
                    ><strong>${typed(r.receivingBody)}</strong> ·
                    ${desk.t(`kind_${r.kind}` as MessageKey) ?? typed(r.kind)}</span
                  >
                  <span>${r.sections.map((s) => desk.formTitle(s)).join('; ')}</span>
                  <span class=${r.status === 'declined' ? 'warn' : r.status === 'sent' ? '' : 'ok'}
                    >${desk.t(`referral_${r.status}`)}</span
                  >
                  ${referralNotes(desk, r)}
                </li>`,
            )}
          </ul>`
        : html`<p>${desk.t('noReferrals')}</p>`
    }
    <h3>${desk.t('newReferral')}</h3>
    <form class="referral" @submit=${(e: SubmitEvent) => sendReferral(desk, c, e)}>
      <label
        >${desk.t('receivingOrg')}
        <select name="organisation">
          ${desk.organisations.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
          <option value="">${desk.t('otherBody')}</option>
        </select></label
      >
      <label>${desk.t('otherBodyName')} <input name="body" /></label>
      <label
        >${desk.t('kind')}
        <select name="kind">
          ${referralKinds.map((k) => html`<option value=${k}>${desk.t(`kind_${k}`)}</option>`)}
        </select></label
      >
      <fieldset>
        <legend>${desk.t('sectionsToShare')}</legend>
        ${
          submitted.length
            ? submitted.map(
                (id) =>
                  html`<label class="check"
                    ><input type="checkbox" name="section" value=${id} /> ${desk.formTitle(id)}</label
                  >`,
              )
            : html`<p class="muted">${desk.t('noFormsYet')}</p>`
        }
      </fieldset>
      <label>${desk.t('note')} <textarea name="note" rows="2"></textarea></label>
      <button type="submit" ?disabled=${desk.busy}>${desk.t('sendReferral')}</button>
    </form>
  </section>`;
}

/** Another organisation's case, shared by a referral: the consented sections only, to read. */
function renderShared(desk: KomekDesk, c: CaseView): TemplateResult {
  return html`<p class="saved">${desk.t('sharedNotice')}</p>
    <section aria-labelledby="sections">
      <h2 id="sections">${desk.t('sectionsShared')}</h2>
      ${c.sections?.length ? nothing : html`<p>${desk.t('noSectionsShared')}</p>`}
      <ul class="steps">
        ${(c.sections ?? []).map(
          (id) =>
            html`<li data-form=${id}>
              <span class="title">${desk.formTitle(id)}</span>
              ${
                c.submissions.some((s) => s.formId === id)
                  ? html`<a class="button" href="#/cases/${c.id}/forms/${id}"
                      >${desk.t('view')}<span class="visually-hidden">: ${desk.formTitle(id)}</span></a
                    >`
                  : html`<span class="muted">${desk.t('notYet')}</span>`
              }
            </li>`,
        )}
      </ul>
    </section>`;
}

/** A case: where it stands in its country's SOP (steps, forms, who signs, deadlines, approvals), consent, referrals. */
export const casePageScreen: Screen<'case'> = {
  async load(desk, route) {
    await desk.loadCase(route.id, true);
    if (desk.current && !desk.current.shared && !desk.organisations.length) {
      const r = await api<{ organisations: { id: string; name: string }[] }>('GET', '/api/organisations');
      if (r.status === 200) desk.organisations = r.body.organisations;
    }
  },

  render(desk, route) {
    const c = desk.current;
    if (!c)
      return html`<p class="back"><a href="#/cases">${desk.t('backToCases')}</a></p>
        <h1 tabindex="-1">${desk.t('caseLabel')} ${route.id.slice(0, 8)}</h1>
        ${desk.notice ? html`<p class="saved" role="status">${desk.notice}</p>` : nothing} ${desk.renderProblem()}
        ${renderCaseOutbox(desk, route.id)} ${desk.problem ? nothing : html`<p>${desk.t('loading')}</p>`}`;
    const notice = desk.notice;
    const head = html`<p class="back"><a href="#/cases">${desk.t('backToCases')}</a></p>
      <h1 tabindex="-1">${desk.t('caseLabel')} ${c.id.slice(0, 8)}</h1>
      ${
        c.shared
          ? nothing
          : html`<p>
              ${summaryLine(desk, c)} ${minorMark(desk, c.minor ? { minor: c.minor.minor, age: c.minor.age } : {})}
            </p>`
      }
      <p>
        ${desk.countryName(c.country)} · ${c.status === 'open' ? desk.t('open') : desk.t('closed')} ·
        ${desk.t('created')}: ${moment(desk.lang, c.createdAt)}
      </p>
      ${notice ? html`<p class="saved" role="status">${notice}</p>` : nothing} ${desk.renderProblem()}
      ${renderCaseOutbox(desk, c.id)}`;
    if (c.shared) return html`${head}${renderShared(desk, c)}`;

    const forms = desk.forms
      .filter((f) => f.country.toLowerCase() === c.country)
      .sort((a, b) => stepNumber(a.step) - stepNumber(b.step) || a.id.localeCompare(b.id));
    const steps = new Map<string, FormEntry[]>();
    for (const f of forms) {
      const key = `${f.sop} · ${desk.stepLabel(f.step)}`;
      steps.set(key, [...(steps.get(key) ?? []), f]);
    }
    const taskOf = (formId: string) =>
      c.tasks.find((t) => rules.find((r) => r.id === t.ruleId)?.doneWhen?.form === formId);
    return html`${head} ${renderRefusal(desk, c)} ${renderMinorSection(desk, c)}
      <section aria-labelledby="steps">
        <h2 id="steps">${desk.t('sopSteps')}</h2>
        <ol class="sop">
          ${[...steps].map(
            ([step, list]) =>
              html`<li>
                <h3>${step}</h3>
                <ul class="steps">
                  ${list.map((f) => {
                    const done = c.submissions.filter((s) => s.formId === f.id);
                    const consent = c.consent[f.id];
                    const task = taskOf(f.id);
                    const signers = [...new Set((f.signatures ?? []).map((s) => s.label))];
                    const closed = consent && !consent.allowed && consent.reason !== 'missing';
                    return html`<li data-form=${f.id}>
                      <span class="title">${desk.formTitle(f.id)}</span>
                      ${signers.length ? html`<span class="signs">${desk.t('signs')}: ${signers.join('; ')}</span>` : nothing}
                      <span class="state">
                        ${
                          done.length
                            ? html`<span class="ok"
                                >${desk.t('submitted')}: ${day(desk, done[done.length - 1]!.updatedAt)}</span
                              >`
                            : html`<span class="muted">${desk.t('notYet')}</span>`
                        }
                        ${consent ? html`<span class=${consent.allowed ? 'ok' : 'warn'}>${consentLabel(desk, consent)}</span>` : nothing}
                        ${task ? html`<span>${desk.t('deadline')}: ${deadlineState(desk, task)}</span>` : nothing}
                        ${renderApproval(desk, c, f)}
                      </span>
                      ${
                        closed
                          ? html`<span class="muted">${desk.t('closedByRefusal')}</span>`
                          : html`<a class="button" href="#/cases/${c.id}/forms/${f.id}"
                              >${done.length ? desk.t('fillAgain') : desk.t('fillForm')}<span class="visually-hidden"
                                >: ${desk.formTitle(f.id)}</span
                              ></a
                            >`
                      }
                    </li>`;
                  })}
                </ul>
              </li>`,
          )}
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
                    html`<li data-rule=${t.ruleId}>
                      <span>${desk.deadlineTitle(t.ruleId, deadlineTitles.get(t.ruleId))}</span>
                      ${deadlineState(desk, t)}
                    </li>`,
                )}
              </ul>`
        }
      </section>
      ${renderReferrals(desk, c)} ${renderPaper(desk, c)}`;
  },

  styles: css`
    .sop {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .sop h3 {
      font-size: 1rem;
      margin: 1rem 0 0;
      color: #3d3d3d;
    }
    .signs {
      flex: 0 0 100%;
      font-size: 0.875rem;
      color: #595959;
    }
    .refusal {
      border: 2px solid #b3261e;
      border-radius: 4px;
      padding: 0 1rem;
      margin: 1rem 0;
    }
    .referral {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      max-width: 32rem;
    }
    fieldset {
      border: 1px solid #d0d0d0;
      border-radius: 4px;
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    label.check {
      flex-direction: row;
      align-items: center;
      gap: 0.5rem;
      min-height: 2.75rem;
    }
    label.check input {
      /* Not squeezed narrower than it is tall by a long form title beside it. */
      flex: none;
      min-height: auto;
      width: 1.25rem;
      height: 1.25rem;
    }
    textarea {
      font: inherit;
      max-width: 100%;
      box-sizing: border-box;
      border: 1px solid #6b6b6b;
      border-radius: 4px;
    }
    select {
      max-width: 100%;
    }
  `,
};
