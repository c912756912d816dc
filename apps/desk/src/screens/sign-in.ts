import { html } from 'lit';
import { api } from '../api.js';
import type { KomekDesk } from '../desk.js';
import { limits } from '../limits.js';
import type { Screen } from '../screen.js';
import type { Me } from '../types.js';

async function signIn(desk: KomekDesk, e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  // A user name has no spaces (komek users add): one pasted with a space or a line break around it is the same name.
  const username = field('username').trim();
  const password = field('password');
  if (
    (await desk.refuseText('username', username, limits.username)) ||
    (await desk.refuseText('password', password, limits.password))
  )
    return;
  desk.busy = true;
  const r = await api<Me>('POST', '/api/session', { username, password });
  desk.busy = false;
  if (desk.failed(r, true)) return;
  desk.problem = undefined;
  form.reset();
  await desk.signedIn(r.body);
}

/** Sign-in: user name and password; shown whenever there is no session, whatever the address. */
export const signInScreen: Screen<'cases'> = {
  render: (desk) =>
    html`<h1 tabindex="-1">${desk.t('signInTitle')}</h1>
      <p>${desk.t('signInIntro')}</p>
      ${desk.renderProblem()}
      <form class="signin" @submit=${(e: SubmitEvent) => signIn(desk, e)}>
        <label
          >${desk.t('username')}
          <input name="username" autocomplete="username" required autocapitalize="none" spellcheck="false"
        /></label>
        <label
          >${desk.t('password')} <input name="password" type="password" autocomplete="current-password" required
        /></label>
        <button type="submit" ?disabled=${desk.busy}>${desk.t('signIn')}</button>
      </form>`,
};
