import { html, nothing } from 'lit';
import type { KomekDesk } from '../desk.js';
import type { Referral } from '../types.js';
import { typed } from '../format.js';

/**
 * A referral's notes, oldest first: the sender's ("Note") and the receiving body's on accepting, declining and
 * closing, each under the step it was written at. None replaces another (the server keeps them all).
 */
export function referralNotes(desk: KomekDesk, r: Referral) {
  if (!r.notes.length) return nothing;
  return html`<ul class="notes">
    ${r.notes.map((n) => html`<li>${n.status === 'sent' ? desk.t('note') : desk.t(`referral_${n.status}`)}: ${typed(n.note)}</li>`)}
  </ul>`;
}
