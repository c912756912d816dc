import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { deleteDraft, deleteDrafts, findDrafts, type KomekForm, type KomekSubmitEvent } from '@komek/elements';
import { api } from '../api.js';
import { secondLanguageChoice } from './form-page.js';
import { editDraft, editDrafts } from '../drafts.js';
import type { KomekDesk } from '../desk.js';
import type { Screen } from '../screen.js';

/** The submission being edited: its answers as opened and the revision they were made on. */
let editing: { submissionId: string; formId: string; revision: number; data: Record<string, unknown> } | undefined;
/** The Idempotency-Key of the revision being sent, kept while its answers stay the same. */
let pending: { key: string; body: string } | undefined;

async function save(desk: KomekDesk, e: KomekSubmitEvent): Promise<void> {
  // The draft on this device is kept until the revision is stored, queued or held: a refusal leaves it for a reload.
  e.preventDefault();
  const form = e.target as KomekForm;
  const route = desk.route;
  if (route.view !== 'edit' || !editing || desk.busy || !desk.outbox) return;
  const body = JSON.stringify(e.data);
  if (pending?.body !== body) pending = { key: crypto.randomUUID(), body };
  const outgoing = {
    kind: 'revise' as const,
    caseId: route.id,
    formId: editing.formId,
    submissionId: editing.submissionId,
    baseRevision: editing.revision,
    data: e.data,
    idempotencyKey: pending.key,
  };
  desk.busy = true;
  desk.problem = undefined;
  const sent = await desk.outbox.submit(outgoing);
  desk.busy = false;
  if (sent.outcome === 'refused' && sent.reply.status !== 412) {
    desk.failed(sent.reply);
    const shown = desk.problem as KomekDesk['problem'];
    if (shown) desk.problem = { ...shown, saving: true };
    await desk.updateComplete;
    desk.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
    return;
  }
  // Someone else saved a revision meanwhile: nothing is overwritten; the answers wait on the case page, where the
  // person compares and settles them.
  if (sent.outcome === 'refused') await desk.outbox.hold(outgoing, sent.reply);
  if (desk.reopen) await desk.outbox.discard(desk.reopen.id);
  desk.reopen = undefined;
  pending = undefined;
  // The answers are on the server or in the outbox now: this submission's drafts go, those of older revisions too.
  await form.clearDraft(false);
  if (desk.me) await deleteDrafts(editDrafts(desk.me.id, route.id, outgoing.submissionId)).catch(() => 0);
  desk.notice = desk.t(
    sent.outcome === 'stored' ? 'saved' : sent.outcome === 'queued' ? 'queuedNotice' : 'conflictHeld',
  );
  if (sent.outcome === 'stored') desk.current = undefined;
  location.hash = `#/cases/${route.id}`;
}

/**
 * Answers typed on this device on an older revision of the submission and never saved (the tab was closed, then
 * someone else saved a revision): the form on screen, opened on the current revision, would not show them, and
 * saving it would delete them. Each is kept in the outbox as a conflict on the revision it was typed on, where the
 * case page lets the person compare it with the current answers and keep it or discard it; its draft goes once it
 * is there. Resolves to the newest such revision, if any.
 */
async function keepOlderDrafts(
  desk: KomekDesk,
  caseId: string,
  submission: { id: string; formId: string; revision: number },
): Promise<number | undefined> {
  if (!desk.me || !desk.outbox) return undefined;
  const prefix = editDrafts(desk.me.id, caseId, submission.id);
  const found = await findDrafts<Record<string, unknown>>(prefix).catch(() => []);
  let newest: number | undefined;
  for (const draft of found) {
    const revision = Number(draft.key.slice(prefix.length));
    if (draft.formId !== submission.formId || !Number.isInteger(revision) || revision >= submission.revision) continue;
    await desk.outbox.hold(
      {
        kind: 'revise',
        caseId,
        formId: submission.formId,
        submissionId: submission.id,
        baseRevision: revision,
        data: draft.data,
        idempotencyKey: crypto.randomUUID(),
      },
      {
        status: 412,
        body: { code: 'stale-revision', message: desk.t('conflictRevised'), currentRevision: submission.revision },
      },
    );
    await deleteDraft(draft.key, draft.formId);
    newest = Math.max(newest ?? 0, revision);
  }
  return newest;
}

/** A submission of the case opened to change: saving makes a new revision (If-Match: the revision opened). */
export const editPageScreen: Screen<'edit'> = {
  async load(desk, route) {
    editing = undefined;
    pending = undefined;
    await desk.loadCase(route.id, false);
    if (!desk.current) return;
    const r = await api<{
      id: string;
      caseId: string;
      formId: string;
      revision: number;
      data: Record<string, unknown>;
    }>('GET', `/api/submissions/${route.submissionId}`);
    if (desk.failed(r)) return;
    // A link that names another case than the submission's (edited by hand, or mixed up): the submission is opened
    // under its own case, never shown and saved under a case it does not belong to.
    if (r.body.caseId !== route.id) {
      location.replace(`#/cases/${r.body.caseId}/submissions/${r.body.id}`);
      return;
    }
    editing = { submissionId: r.body.id, formId: r.body.formId, revision: r.body.revision, data: r.body.data };
    const older = await keepOlderDrafts(desk, route.id, r.body).catch(() => undefined);
    if (older !== undefined) desk.notice = desk.t('olderDraftHeld').replace('{n}', String(older));
    const reopen = desk.reopen;
    if (reopen?.submissionId === route.submissionId) {
      // A queued revision opened again: the person's answers, on the revision the server holds now.
      editing = { ...editing, data: reopen.data };
    } else {
      desk.reopen = undefined;
    }
    desk.requestUpdate();
  },

  render(desk, route) {
    const c = desk.current;
    const e = editing;
    return html`<p class="back"><a href="#/cases/${route.id}">${desk.t('backToCase')}</a></p>
      <h1 tabindex="-1">${editing ? desk.formTitle(editing.formId) : desk.t('loading')}</h1>
      ${c ? html`<p>${desk.t('caseLabel')} ${c.id.slice(0, 8)} · ${desk.countryName(c.country)}</p>` : nothing}
      ${desk.notice ? html`<p class="saved" role="status">${desk.notice}</p>` : nothing} ${secondLanguageChoice(desk)}
      ${desk.renderProblem()} ${desk.busy ? html`<p role="status">${desk.t('sending')}</p>` : nothing}
      ${
        c && e
          ? html`<p class="muted">${desk.t('editingRevision').replace('{n}', String(e.revision))}</p>
              <!-- What is typed is kept on this device (encrypted) until it is saved, as on a new form, under a key
                   of its own: the submission and the revision it was opened at (ids only). -->
              <komek-form
                form=${e.formId}
                lang=${desk.lang}
                secondary-lang=${desk.secondLang || nothing}
                draft-key=${desk.me ? editDraft(desk.me.id, route.id, e.submissionId, e.revision) : nothing}
                .data=${guard([e.data], () => e.data)}
                .caseRecords=${guard([c, e], () =>
                  c.submissions.filter((s) => s.id !== e.submissionId).map((s) => ({ formId: s.formId, data: s.data })),
                )}
                @komek-submit=${(e: KomekSubmitEvent) => save(desk, e)}
              ></komek-form>`
          : nothing
      }`;
  },
};
