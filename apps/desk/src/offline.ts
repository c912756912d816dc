import { html, nothing, type TemplateResult } from 'lit';
import { Workbox } from 'workbox-window';
import type { KomekDesk } from './desk.js';
import type { FormEntry, Me } from './types.js';

/**
 * What the desk keeps in localStorage to open without a connection: the id and roles of the user last signed in
 * here (no name, no token) and the catalog of forms (no personal data). The session itself stays in its cookie.
 */
const USER = 'komek-desk-user';

export function rememberUser(me: Me, forms: FormEntry[]): void {
  const { id, roles, organisationId } = me;
  localStorage.setItem(USER, JSON.stringify({ me: { id, roles, organisationId }, forms }));
}

export function offlineUser(): { me: Me; forms: FormEntry[] } | undefined {
  try {
    const v = JSON.parse(localStorage.getItem(USER) ?? 'null') as { me: Me; forms: FormEntry[] } | null;
    return v?.me?.id ? v : undefined;
  } catch {
    return undefined;
  }
}

export function forgetUser(): void {
  localStorage.removeItem(USER);
}

let updateReady: (() => void) | undefined;

/**
 * Registers the service worker (built by vite-plugin-pwa: the desk, its forms' chunks, messages and fonts, never
 * `/api`). A new release waits until the person reloads (the header offers it), so a page in use never switches
 * its chunks under a form being filled.
 */
export function registerServiceWorker(desk: KomekDesk): void {
  // Not under Vite's dev server (`import.meta.hot`): there is no service worker there, and modules change live.
  if (import.meta.hot || !('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    updateReady = () => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    };
    desk.requestUpdate();
  });
  void wb.register();
}

/** The header's line: no connection, how many forms wait to be sent (with "send now"), a new release. */
export function renderOutboxIndicator(desk: KomekDesk): TemplateResult {
  const waiting = desk.outbox?.waiting ?? 0;
  return html`<span class="outbox-indicator" role="status">
    ${desk.online ? nothing : html`<span class="offline-badge">${desk.t('offline')}</span>`}
    ${
      waiting
        ? html`<span class="waiting">${desk.t('waitingToSend').replace('{n}', String(waiting))}</span> ${
              desk.online && desk.me?.csrfToken
                ? html`<button type="button" class="link" @click=${() => desk.outbox?.sync()}>
                    ${desk.t('sendNow')}
                  </button>`
                : nothing
            }`
        : nothing
    }
    ${
      updateReady
        ? html`<button type="button" class="link" @click=${() => updateReady?.()}>${desk.t('updateReady')}</button>`
        : nothing
    }
  </span>`;
}

/** Asked before signing out while forms wait: signing out deletes them (and their key) from this device. */
export function renderSignOutWarning(desk: KomekDesk): TemplateResult | typeof nothing {
  if (!desk.signOutWarning) return nothing;
  const n = desk.outbox?.waiting ?? 0;
  return html`<div class="signout-warning" role="alertdialog" aria-labelledby="signout-warning-text" tabindex="-1">
    <p id="signout-warning-text">${desk.t('signOutWarning').replace('{n}', String(n))}</p>
    <div class="row">
      <button type="button" @click=${() => (desk.signOutWarning = false)}>${desk.t('staySignedIn')}</button>
      <button type="button" class="danger" @click=${() => desk.signOut(true)}>${desk.t('signOutAnyway')}</button>
    </div>
  </div>`;
}
