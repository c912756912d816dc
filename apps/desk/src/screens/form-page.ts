import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { KomekForm, KomekSubmitEvent } from '@komek/elements';
import { api } from '../api.js';
import { newFormDraft } from '../drafts.js';
import type { KomekDesk } from '../desk.js';
import { languageNames, languages, type Lang } from '../messages.js';
import type { Screen } from '../screen.js';
import { renderDerivedNote, type DerivedSource } from './minor.js';

/** The idempotency key of the submission being sent, kept while its answers stay the same (a retry reuses it). */
let pending: { key: string; body: string } | undefined;
/** Where the prefill's facts came from; the minor indicators are marked derived. */
let sources: DerivedSource[] | undefined;

async function submitForm(desk: KomekDesk, e: KomekSubmitEvent): Promise<void> {
  // The draft on this device is kept until the form is stored or queued: a refusal leaves it for a reload.
  e.preventDefault();
  const form = e.target as KomekForm;
  const route = desk.route;
  if (route.view !== 'form' || desk.busy || !desk.outbox) return;
  const body = JSON.stringify({ formId: e.formId, data: e.data });
  if (pending?.body !== body) pending = { key: crypto.randomUUID(), body };
  desk.busy = true;
  desk.problem = undefined;
  // Sent now, or, without a connection, queued encrypted on this device with the same Idempotency-Key.
  const sent = await desk.outbox.submit({
    kind: 'create',
    caseId: route.id,
    formId: e.formId,
    data: e.data,
    idempotencyKey: pending.key,
  });
  desk.busy = false;
  if (sent.outcome === 'refused') {
    desk.failed(sent.reply);
    const shown = desk.problem as KomekDesk['problem'];
    if (shown) desk.problem = { ...shown, saving: true };
    await desk.updateComplete;
    desk.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
    return;
  }
  // A queued form opened again and sent (or queued anew) replaces the one it came from.
  if (desk.reopen) await desk.outbox.discard(desk.reopen.id);
  desk.reopen = undefined;
  pending = undefined;
  await form.clearDraft(false);
  desk.notice = desk.t(sent.outcome === 'queued' ? 'queuedNotice' : 'saved');
  if (sent.outcome === 'stored') desk.current = undefined;
  location.hash = `#/cases/${route.id}`;
}

/** The forms' second language, shown under every label: chosen above a form, new or changed, and kept for the next. */
export function secondLanguageChoice(desk: KomekDesk): TemplateResult {
  return html`<label
    >${desk.t('secondLanguage')}
    <select @change=${(e: Event) => desk.setSecondLanguage((e.target as HTMLSelectElement).value as Lang | '')}>
      <option value="" ?selected=${desk.secondLang === ''}>${desk.t('none')}</option>
      ${languages
        .filter((l) => l !== desk.lang)
        .map((l) => html`<option value=${l} lang=${l} ?selected=${l === desk.secondLang}>${languageNames[l]}</option>`)}
    </select></label
  >`;
}

/** A form of the case in `<komek-form>`, with what the case already knows filled in (the server's prefill). */
export const formPageScreen: Screen<'form'> = {
  async load(desk, route) {
    await desk.loadCase(route.id, false);
    if (!desk.current) return;
    if (desk.current.shared) {
      // Another organisation's case: the shared section as it was recorded, to read.
      const s = [...desk.current.submissions].reverse().find((x) => x.formId === route.formId);
      desk.prefill = s?.data;
      return;
    }
    desk.prefill = undefined;
    pending = undefined;
    sources = undefined;
    const reopen = desk.reopen;
    if (reopen?.caseId === route.id && reopen.formId === route.formId) {
      desk.prefill = reopen.data;
      return;
    }
    desk.reopen = undefined;
    const p = await api<{ data: Record<string, unknown>; sources?: DerivedSource[] }>(
      'GET',
      `/api/cases/${route.id}/prefill/${route.formId}`,
    );
    if (desk.failed(p)) return;
    sources = p.body.sources;
    desk.prefill = p.body.data ?? {};
  },

  render(desk, route) {
    const c = desk.current;
    const formId = route.formId;
    return html`<p class="back"><a href="#/cases/${route.id}">${desk.t('backToCase')}</a></p>
      <h1 tabindex="-1">${desk.formTitle(formId)}</h1>
      ${c ? html`<p>${desk.t('caseLabel')} ${c.id.slice(0, 8)} · ${desk.countryName(c.country)}</p>` : nothing}
      ${secondLanguageChoice(desk)} ${desk.renderProblem()}
      ${desk.busy ? html`<p role="status">${desk.t('sending')}</p>` : nothing}
      ${
        // Another organisation's case, and a section of it that is not shared (or no longer: consent withdrawn).
        c?.shared && !c.sections?.includes(formId)
          ? html`<div class="problem" role="alert"><p>${desk.t('sectionNotShared')}</p></div>`
          : nothing
      }
      ${
        c?.shared && desk.prefill
          ? html`<p class="muted">${desk.t('sharedNotice')}</p>
              <komek-form
                form=${formId}
                lang=${desk.lang}
                secondary-lang=${desk.secondLang || nothing}
                readonly
                .data=${desk.prefill}
              ></komek-form>`
          : nothing
      }
      ${
        c && !c.shared && desk.prefill
          ? html`<p class="muted">${desk.t('prefilled')}</p>
              ${renderDerivedNote(desk, sources)}
              <!-- Guarded: Lit sets an object bound to a property on every render, which would put back the
                   prefill over what was typed whenever the desk re-renders (a connection lost, a form queued). -->
              <!-- What is typed is kept on this device (encrypted) until it is sent: a reload or a closed tab loses
                   nothing. The key is ids only, the user's and the case's. -->
              <komek-form
                form=${formId}
                lang=${desk.lang}
                secondary-lang=${desk.secondLang || nothing}
                draft-key=${desk.me ? newFormDraft(desk.me.id, route.id) : nothing}
                .data=${guard([desk.prefill], () => desk.prefill)}
                .caseRecords=${guard([c], () => c.submissions.map((s) => ({ formId: s.formId, data: s.data })))}
                @komek-submit=${(e: KomekSubmitEvent) => submitForm(desk, e)}
              ></komek-form>`
          : desk.problem || c?.shared
            ? nothing
            : html`<p>${desk.t('loading')}</p>`
      }`;
  },
};
