import { css, html, nothing, type TemplateResult } from 'lit';
import { api } from '../api.js';
import type { KomekDesk } from '../desk.js';
import type { OutboxItem, OutboxRecord } from '../outbox.js';
import { moment } from '../format.js';

/** The queued form opened on the case page (its answers decrypted), and what the server holds now, to compare. */
let opened: { item: OutboxItem; theirs?: Record<string, unknown>; asking?: 'discard' } | undefined;

/** Every answer of a record as [path, text], in order: "personInformation / fullName" → "Aliya". */
export function leaves(value: unknown, path: string[] = [], out: [string, string][] = []): [string, string][] {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) leaves(v, [...path, k], out);
  } else if (value !== undefined && value !== '') {
    out.push([path.join(' / '), typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  return out;
}

async function open(desk: KomekDesk, record: OutboxRecord): Promise<void> {
  const item = await desk.outbox?.open(record.id);
  opened = item ? { item } : undefined;
  desk.requestUpdate();
  await desk.updateComplete;
  desk.renderRoot.querySelector<HTMLElement>('.queued-open')?.focus();
}

async function compare(desk: KomekDesk): Promise<void> {
  if (!opened?.item.submissionId) return;
  const r = await api<{ data: Record<string, unknown> }>('GET', `/api/submissions/${opened.item.submissionId}`);
  if (desk.failed(r)) return;
  opened = { ...opened, theirs: r.body.data };
  desk.requestUpdate();
}

async function settle(desk: KomekDesk, action: 'keep' | 'discard' | 'retry'): Promise<void> {
  const item = opened?.item;
  if (!item || !desk.outbox) return;
  opened = undefined;
  if (action === 'discard') await desk.outbox.discard(item.id);
  else if (action === 'retry') await desk.outbox.retry(item.id);
  else await desk.outbox.keepMine(item.id, item.problem?.currentRevision ?? item.baseRevision ?? 1);
  if (action !== 'discard') await desk.loadCase(item.caseId, true);
  desk.notice = desk.t(action === 'discard' ? 'discarded' : 'sentAgain');
  desk.requestUpdate();
}

function renderCompare(desk: KomekDesk, mine: Record<string, unknown>, theirs: Record<string, unknown>) {
  const a = new Map(leaves(theirs));
  const b = new Map(leaves(mine));
  const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p));
  if (!paths.length) return html`<p>${desk.t('noDifferences')}</p>`;
  // Scrolls sideways on a narrow screen: focusable, so that a keyboard can scroll it too.
  return html`<div class="compare-wrap" tabindex="0" role="region" aria-label=${desk.t('compareCaption')}>
    <table class="compare">
      <caption>
        ${desk.t('compareCaption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${desk.t('answer')}</th>
          <th scope="col">${desk.t('theirs')}</th>
          <th scope="col">${desk.t('mine')}</th>
        </tr>
      </thead>
      <tbody>
        ${paths.map(
          (p) =>
            html`<tr>
              <th scope="row">${p}</th>
              <td>${a.get(p) ?? '—'}</td>
              <td>${b.get(p) ?? '—'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function renderOpened(desk: KomekDesk): TemplateResult {
  const { item, theirs, asking } = opened!;
  const p = item.problem;
  return html`<div class="queued-open" tabindex="-1" aria-labelledby="queued-open-title">
    <h3 id="queued-open-title">${desk.formTitle(item.formId)}</h3>
    ${
      p
        ? html`<div class="problem" role="alert">
            <p>${item.state === 'conflict' && p.status === 412 ? desk.t('conflictRevised') : p.message}</p>
            ${
              p.issues?.length
                ? html`<ul>
                    ${p.issues.map((i) => html`<li>${i.label ? `${i.label}: ` : ''}${i.message}</li>`)}
                  </ul>`
                : nothing
            }
            ${
              p.consentForms?.length
                ? html`<ul>
                    ${p.consentForms.map((f) => html`<li><a href="#/cases/${item.caseId}/forms/${f}">${desk.formTitle(f)}</a></li>`)}
                  </ul>`
                : nothing
            }
          </div>`
        : nothing
    }
    ${theirs ? renderCompare(desk, item.data, theirs) : nothing}
    <div class="row">
      ${
        item.state === 'conflict' && p?.status === 412
          ? html`<button type="button" @click=${() => settle(desk, 'keep')}>${desk.t('keepMine')}</button> ${
                theirs
                  ? nothing
                  : html`<button type="button" class="secondary" @click=${() => compare(desk)}>
                      ${desk.t('compare')}
                    </button>`
              }`
          : item.state !== 'waiting'
            ? html`<button type="button" @click=${() => settle(desk, 'retry')}>${desk.t('sendAgain')}</button>`
            : nothing
      }
      <button
        type="button"
        class="secondary"
        @click=${() => {
          desk.reopen = item;
          opened = undefined;
          location.hash =
            item.kind === 'revise'
              ? `#/cases/${item.caseId}/submissions/${item.submissionId}`
              : `#/cases/${item.caseId}/forms/${item.formId}`;
        }}
      >
        ${desk.t('openInForm')}
      </button>
      ${
        asking === 'discard'
          ? html`<button type="button" class="danger" @click=${() => settle(desk, 'discard')}>
              ${desk.t('discardForGood')}
            </button>`
          : html`<button
              type="button"
              class="secondary"
              @click=${() => {
                opened = { ...opened!, asking: 'discard' };
                desk.requestUpdate();
              }}
            >
              ${desk.t('discardMine')}
            </button>`
      }
    </div>
  </div>`;
}

/** The case page's list of this case's forms waiting on this device, with what the person can do about each. */
export function renderCaseOutbox(desk: KomekDesk, caseId: string): TemplateResult | typeof nothing {
  const records = desk.outbox?.forCase(caseId) ?? [];
  if (opened && opened.item.caseId !== caseId) opened = undefined;
  if (!records.length) return nothing;
  const stateText = (r: OutboxRecord) =>
    desk.t(r.state === 'waiting' ? 'stateWaiting' : r.state === 'conflict' ? 'stateConflict' : 'stateRefused');
  return html`<section aria-labelledby="queued" class="queued">
    <h2 id="queued">${desk.t('queuedTitle')}</h2>
    <p class="muted">${desk.t('queuedIntro')}</p>
    <ul class="queued-list">
      ${records.map(
        (r) =>
          html`<li data-queued=${r.formId} data-state=${r.state}>
            <span class="title">${desk.formTitle(r.formId)}</span>
            <span class=${r.state === 'waiting' ? 'muted' : 'warn'}
              >${stateText(r)} · ${desk.t('queuedAt')}: ${moment(desk.lang, r.queuedAt)}</span
            >
            <button type="button" class="secondary" @click=${() => open(desk, r)}>
              ${r.state === 'waiting' ? desk.t('showQueued') : desk.t('settle')}<span class="visually-hidden"
                >: ${desk.formTitle(r.formId)}</span
              >
            </button>
          </li>`,
      )}
    </ul>
    ${opened && records.some((r) => r.id === opened!.item.id) ? renderOpened(desk) : nothing}
  </section>`;
}

export const outboxStyles = css`
  .queued {
    border: 2px solid #8a5a00;
    border-radius: 4px;
    padding: 0 1rem 1rem;
    margin: 1rem 0;
  }
  .queued-list {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .queued-list li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    align-items: center;
    padding: 0.5rem 0;
    border-bottom: 1px solid #d0d0d0;
  }
  .queued-list .title {
    flex: 1 1 14rem;
  }
  .queued-open:focus {
    outline: 2px solid #0b5cad;
  }
  .compare-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  .compare {
    border-collapse: collapse;
    margin: 0.5rem 0;
    font-size: 0.875rem;
  }
  .compare caption {
    text-align: start;
    font-weight: 600;
  }
  .compare th,
  .compare td {
    border: 1px solid #b0b0b0;
    padding: 0.25rem 0.5rem;
    text-align: start;
    vertical-align: top;
  }
  button.secondary {
    background: #fff;
    color: #0b5cad;
    border: 2px solid #0b5cad;
  }
  button.danger {
    background: #b3261e;
    color: #fff;
  }
  .signout-warning {
    border: 2px solid #b3261e;
    background: #fff;
    padding: 0 1rem 1rem;
    margin: 1rem;
  }
  .outbox-indicator {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: center;
  }
  .outbox-indicator:empty {
    display: none;
  }
  .offline-badge,
  .waiting {
    background: #fff4d6;
    color: #1a1a1a;
    border-radius: 4px;
    padding: 0 0.5rem;
    font-size: 0.875rem;
    font-weight: 600;
  }
`;
