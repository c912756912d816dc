import { css, html, nothing, type TemplateResult } from 'lit';
import { apiUpload } from '../api.js';
import type { KomekDesk } from '../desk.js';
import { languageNames, type Lang } from '../messages.js';
import type { CaseView } from '../types.js';
import { leaves } from './outbox-panel.js';
import { moment } from '../format.js';

/** The two languages a case's paper forms are printed in: the country's own and Russian. */
export const caseLanguages: Record<CaseView['country'], string> = { kz: 'kk,ru', kg: 'ky,ru', tj: 'tg,ru' };

/** What `POST /api/cases/:id/paper?dryRun=true` answers. */
interface Preview {
  formId: string;
  languages: string[];
  versionMatches: boolean;
  data: Record<string, unknown>;
  issues: { pointer: string; label?: string; message: string }[];
  problems: { code: string; message: string; consentForms?: string[] }[];
  wouldStore: boolean;
}

/** The paper form being checked: the file, and what the server says it would add. */
let upload: { caseId: string; file: File; preview?: Preview; problem?: string } | undefined;
/** The form chosen to print blank. */
let blankForm: string | undefined;

async function check(desk: KomekDesk, caseId: string, e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const input = (e.target as HTMLFormElement).elements.namedItem('pdf') as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  upload = { caseId, file };
  desk.busy = true;
  const r = await apiUpload<Preview & { message?: string }>(
    `/api/cases/${caseId}/paper?dryRun=true`,
    file,
    'application/pdf',
  );
  desk.busy = false;
  if (r.status === 200) upload = { caseId, file, preview: r.body };
  else
    upload = { caseId, file, problem: r.status === 0 ? desk.t('networkError') : (r.body?.message ?? String(r.status)) };
  desk.requestUpdate();
  await desk.updateComplete;
  desk.renderRoot.querySelector<HTMLElement>('.paper-preview')?.focus();
}

async function store(desk: KomekDesk): Promise<void> {
  if (!upload?.preview) return;
  const { caseId, file } = upload;
  desk.busy = true;
  const r = await apiUpload(`/api/cases/${caseId}/paper`, file, 'application/pdf', {
    'idempotency-key': crypto.randomUUID(),
  });
  desk.busy = false;
  if (r.status !== 201) {
    desk.failed(r);
    desk.requestUpdate();
    return;
  }
  upload = undefined;
  desk.notice = desk.t('paperStored');
  await desk.loadCase(caseId, true);
  await desk.updateComplete;
  desk.renderRoot.querySelector<HTMLElement>('h1')?.focus();
}

function renderPreview(desk: KomekDesk): TemplateResult | typeof nothing {
  if (!upload) return nothing;
  const p = upload.preview;
  const cancel = html`<button
    type="button"
    class="secondary"
    @click=${() => {
      upload = undefined;
      desk.requestUpdate();
    }}
  >
    ${desk.t('cancel')}
  </button>`;
  if (!p)
    return html`<div class="paper-preview problem" tabindex="-1" role="alert">
      <p>${upload.problem}</p>
      ${cancel}
    </div>`;
  const answers = leaves(p.data);
  const problems = p.issues.length + p.problems.length;
  return html`<div class="paper-preview" tabindex="-1" aria-labelledby="paper-preview-title">
    <h3 id="paper-preview-title">${desk.t('paperPreviewTitle').replace('{form}', desk.formTitle(p.formId))}</h3>
    ${p.versionMatches ? nothing : html`<p class="warn">${desk.t('paperOtherVersion')}</p>`}
    ${
      problems
        ? html`<div class="problem" role="alert">
            <p><strong>${desk.t('paperProblems').replace('{n}', String(problems))}</strong></p>
            <ul>
              ${p.problems.map(
                (x) =>
                  html`<li>
                    ${x.message}
                    ${
                      x.consentForms?.length
                        ? html`<ul>
                            ${x.consentForms.map((f) => html`<li><a href="#/cases/${upload!.caseId}/forms/${f}">${desk.formTitle(f)}</a></li>`)}
                          </ul>`
                        : nothing
                    }
                  </li>`,
              )}
              ${p.issues.map((i) => html`<li>${i.label ? `${i.label}: ` : ''}${i.message}</li>`)}
            </ul>
          </div>`
        : html`<p class="ok" role="status">${desk.t('paperNoProblems')}</p>`
    }
    <h4>${desk.t('paperAnswers').replace('{n}', String(answers.length))}</h4>
    ${
      answers.length
        ? html`<dl class="paper-answers">
            ${answers.map(
              ([k, v]) =>
                html`<div>
                  <dt>${k}</dt>
                  <dd>${v}</dd>
                </div>`,
            )}
          </dl>`
        : html`<p>${desk.t('paperEmpty')}</p>`
    }
    <div class="row">
      ${
        p.wouldStore
          ? html`<button type="button" ?disabled=${desk.busy} @click=${() => store(desk)}>
              ${desk.t('paperStore')}
            </button>`
          : nothing
      }
      ${cancel}
    </div>
  </div>`;
}

/**
 * The case page's paper section: each form on record with a link to change it (a new revision) and to print it
 * filled; any form of the country printed blank; the case packet; and a PDF filled in a viewer, checked first
 * (the server's dry run: what it would add and every problem) and stored only when the person confirms.
 * PDFs are printed in the case's two languages.
 */
export function renderPaper(desk: KomekDesk, c: CaseView): TemplateResult {
  const langs = caseLanguages[c.country];
  const forms = desk.forms.filter((f) => f.country.toLowerCase() === c.country);
  const chosen = blankForm && forms.some((f) => f.id === blankForm) ? blankForm : forms[0]?.id;
  if (upload && upload.caseId !== c.id) upload = undefined;
  return html`<section aria-labelledby="records">
      <h2 id="records">${desk.t('formsOnRecord')}</h2>
      ${
        c.submissions.length
          ? html`<ul class="records">
              ${c.submissions.map(
                (s) =>
                  html`<li data-submission=${s.id} data-record-form=${s.formId}>
                    <span class="title">${desk.formTitle(s.formId)}</span>
                    <span class="muted">${desk.t('revision')} ${s.revision} · ${moment(desk.lang, s.updatedAt)}</span>
                    <a href="#/cases/${c.id}/submissions/${s.id}"
                      >${desk.t('change')}<span class="visually-hidden">: ${desk.formTitle(s.formId)}</span></a
                    >
                    <a href="/api/submissions/${s.id}/pdf?lang=${langs}&mode=filled" download
                      >${desk.t('printFilled')}<span class="visually-hidden">: ${desk.formTitle(s.formId)}</span></a
                    >
                  </li>`,
              )}
            </ul>`
          : html`<p>${desk.t('noFormsYet')}</p>`
      }
    </section>
    <section aria-labelledby="paper" class="paper">
      <h2 id="paper">${desk.t('paper')}</h2>
      <p class="muted">
        ${desk.t('paperLanguages').replace(
          '{langs}',
          langs
            .split(',')
            .map((l) => languageNames[l as Lang])
            .join(' + '),
        )}
      </p>
      <div class="row">
        <label
          >${desk.t('blankForm')}
          <select
            @change=${(e: Event) => {
              blankForm = (e.target as HTMLSelectElement).value;
              desk.requestUpdate();
            }}
          >
            ${forms.map((f) => html`<option value=${f.id} ?selected=${f.id === chosen}>${desk.formTitle(f.id)}</option>`)}
          </select></label
        >
        ${chosen ? html`<a class="button" href="/api/forms/${chosen}/pdf?lang=${langs}" download>${desk.t('printBlank')}</a>` : nothing}
      </div>
      ${
        c.submissions.length
          ? html`<p>
              <a class="button" href="/api/cases/${c.id}/packet.pdf?lang=${langs}&mode=filled" download
                >${desk.t('casePacket')}</a
              >
            </p>`
          : nothing
      }
      <h3>${desk.t('uploadPaper')}</h3>
      <p class="muted">${desk.t('uploadPaperIntro')}</p>
      <form class="row" @submit=${(e: SubmitEvent) => check(desk, c.id, e)}>
        <label
          >${desk.t('pdfFile')}
          <input type="file" name="pdf" accept="application/pdf,.pdf" required />
        </label>
        <button type="submit" ?disabled=${desk.busy || !desk.online}>${desk.t('checkPaper')}</button>
      </form>
      ${renderPreview(desk)}
    </section>`;
}

export const paperStyles = css`
  .records {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .records li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    align-items: center;
    padding: 0.5rem 0;
    border-bottom: 1px solid #d0d0d0;
  }
  .records .title {
    flex: 1 1 14rem;
  }
  .paper-preview {
    border: 2px solid #0b5cad;
    border-radius: 4px;
    padding: 0 1rem 1rem;
    margin: 1rem 0;
  }
  .paper-answers {
    margin: 0;
    font-size: 0.875rem;
  }
  .paper-answers div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    padding: 0.125rem 0;
    border-bottom: 1px solid #eee;
  }
  .paper-answers dt {
    color: #595959;
  }
  .paper-answers dd {
    margin: 0;
  }
  .paper label {
    max-width: 100%;
    min-width: 0;
  }
  .paper select,
  .paper input[type='file'] {
    width: 100%;
  }
  input[type='file'] {
    padding: 0.5rem 0;
    border: 0;
  }
`;
