import { html, nothing } from 'lit';
import { api } from '../api.js';
import type { KomekDesk } from '../desk.js';
import { limits } from '../limits.js';
import type { MessageKey } from '../messages.js';
import type { Screen } from '../screen.js';
import type { Referral } from '../types.js';
import { typed } from '../format.js';
import { referralNotes } from './referral-notes.js';

async function setStatus(
  desk: KomekDesk,
  r: Referral,
  status: 'accepted' | 'declined' | 'closed',
  e: Event,
): Promise<void> {
  const form = (e.target as HTMLElement).closest('form');
  const note = (form?.elements.namedItem('outcome') as HTMLTextAreaElement | null)?.value.trim();
  if (note && (await desk.refuseText('outcome', note, limits.note))) return;
  desk.problem = undefined;
  desk.busy = true;
  const reply = await api('POST', `/api/referrals/${r.id}/status`, { status, ...(note ? { note } : {}) });
  desk.busy = false;
  if (desk.failed(reply)) return;
  desk.problem = undefined;
  await referralsScreen.load!(desk, { view: 'referrals' });
  // Set after the list is reloaded: the notice is shown by the next render, once.
  desk.notice = desk.t(`referral_${status}`);
}

/** The receiving organisation's list: referrals sent to it, to accept or decline and then close with an outcome. */
export const referralsScreen: Screen<'referrals'> = {
  async load(desk) {
    const r = await api<{ referrals: Referral[] }>('GET', '/api/referrals');
    if (desk.failed(r)) return;
    desk.incoming = r.body.referrals;
  },

  render(desk) {
    const notice = desk.notice;
    return html`<h1 tabindex="-1">${desk.t('incomingReferrals')}</h1>
      ${notice ? html`<p class="saved" role="status">${notice}</p>` : nothing} ${desk.renderProblem()}
      ${
        desk.incoming === undefined
          ? html`<p>${desk.t('loading')}</p>`
          : desk.incoming.length === 0
            ? html`<p>${desk.t('noReferrals')}</p>`
            : html`<ul class="tasks">
                ${desk.incoming.map(
                  (r) =>
                    html`<li data-referral=${r.id}>
                      <span
                        ><strong>${typed(r.from)}</strong> · ${r.country ? desk.countryName(r.country) : ''} ·
                        ${desk.t(`kind_${r.kind}` as MessageKey) ?? typed(r.kind)}</span
                      >
                      <span>${desk.t('sectionsShared')}: ${r.sections.map((s) => desk.formTitle(s)).join('; ')}</span>
                      <span class=${r.status === 'declined' ? 'warn' : 'ok'}>${desk.t(`referral_${r.status}`)}</span>
                      ${r.consentEnded ? html`<span class="warn">${desk.t('referralConsentEnded')}</span>` : nothing}
                      ${referralNotes(desk, r)}
                      ${
                        r.status === 'sent'
                          ? html`<span class="row">
                              <button
                                type="button"
                                ?disabled=${desk.busy}
                                @click=${(e: Event) => setStatus(desk, r, 'accepted', e)}
                              >
                                ${desk.t('accept')}
                              </button>
                              <button
                                type="button"
                                class="secondary"
                                ?disabled=${desk.busy}
                                @click=${(e: Event) => setStatus(desk, r, 'declined', e)}
                              >
                                ${desk.t('decline')}
                              </button>
                            </span>`
                          : nothing
                      }
                      ${
                        r.status === 'accepted' && r.consentEnded
                          ? html`<span class="muted">${desk.t('referralNothingShared')}</span>`
                          : nothing
                      }
                      ${
                        r.status === 'accepted' && !r.consentEnded
                          ? html`<a class="button" href="#/cases/${r.caseId}"
                                >${desk.t('openShared')}<span class="visually-hidden">: ${r.from}</span></a
                              >
                              <form class="outcome" @submit=${(e: SubmitEvent) => e.preventDefault()}>
                                <label>${desk.t('outcome')} <textarea name="outcome" rows="2"></textarea></label>
                                <button
                                  type="button"
                                  ?disabled=${desk.busy}
                                  @click=${(e: Event) => setStatus(desk, r, 'closed', e)}
                                >
                                  ${desk.t('closeWithOutcome')}
                                </button>
                              </form>`
                          : nothing
                      }
                    </li>`,
                )}
              </ul>`
      }`;
  },
};
