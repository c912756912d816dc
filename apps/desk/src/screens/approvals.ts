import { css, html } from 'lit';
import { api } from '../api.js';
import type { KomekDesk } from '../desk.js';
import { limits } from '../limits.js';
import type { Screen } from '../screen.js';
import type { Approval } from '../types.js';
import { moment } from '../format.js';

async function decide(desk: KomekDesk, a: Approval, decision: 'approved' | 'returned', e: Event): Promise<void> {
  const form = (e.target as HTMLElement).closest('form')!;
  const comment = (form.elements.namedItem('comment') as HTMLTextAreaElement).value.trim();
  if (await desk.refuseText('comment', comment, limits.comment)) return;
  desk.problem = undefined;
  desk.busy = true;
  const r = await api('POST', `/api/approvals/${a.id}/decision`, { decision, ...(comment ? { comment } : {}) });
  desk.busy = false;
  if (desk.failed(r)) {
    await desk.updateComplete;
    desk.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
    return;
  }
  desk.problem = undefined;
  await approvalsScreen.load!(desk, { view: 'approvals' });
  // Set after the list is reloaded: the notice is shown by the next render, once.
  desk.notice = desk.t(decision === 'approved' ? 'approvedNotice' : 'returnedNotice');
}

/** The head of service's list: decisions and plans waiting for approval, each approved or returned with a comment. */
export const approvalsScreen: Screen<'approvals'> = {
  async load(desk) {
    const r = await api<{ approvals: Approval[] }>('GET', '/api/approvals?status=pending');
    if (desk.failed(r)) return;
    desk.approvals = r.body.approvals;
  },

  render(desk) {
    const notice = desk.notice;
    return html`<h1 tabindex="-1">${desk.t('approvals')}</h1>
      <p>${desk.t('approvalsIntro')}</p>
      ${notice ? html`<p class="saved" role="status">${notice}</p>` : ''} ${desk.renderProblem()}
      ${
        desk.approvals === undefined
          ? html`<p>${desk.t('loading')}</p>`
          : desk.approvals.length === 0
            ? html`<p>${desk.t('noApprovals')}</p>`
            : html`<ul class="approvals">
                ${desk.approvals.map(
                  (a) =>
                    html`<li data-approval=${a.id}>
                      <h2>${desk.formTitle(a.formId)}</h2>
                      <p>
                        <a href="#/cases/${a.caseId}/forms/${a.formId}"
                          >${desk.t('caseLabel')} ${a.caseId.slice(0, 8)}</a
                        >
                        · ${a.country ? desk.countryName(a.country) : ''} · ${desk.t('sentOn')}:
                        ${moment(desk.lang, a.requestedAt)}
                      </p>
                      <form @submit=${(e: SubmitEvent) => e.preventDefault()}>
                        <label>${desk.t('comment')} <textarea name="comment" rows="2"></textarea></label>
                        <div class="row">
                          <button
                            type="button"
                            ?disabled=${desk.busy}
                            @click=${(e: Event) => decide(desk, a, 'approved', e)}
                          >
                            ${desk.t('approve')}
                          </button>
                          <button
                            type="button"
                            class="secondary"
                            ?disabled=${desk.busy}
                            @click=${(e: Event) => decide(desk, a, 'returned', e)}
                          >
                            ${desk.t('returnIt')}
                          </button>
                        </div>
                      </form>
                    </li>`,
                )}
              </ul>`
      }`;
  },

  styles: css`
    .approvals {
      list-style: none;
      padding: 0;
    }
    .approvals > li {
      border-bottom: 1px solid #d0d0d0;
      padding-bottom: 1rem;
    }
    .approvals h2 {
      font-size: 1.125rem;
      margin-bottom: 0;
    }
    .approvals label {
      display: flex;
      margin-bottom: 0.75rem;
    }
  `,
};
