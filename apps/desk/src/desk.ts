import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { KomekSubmitEvent } from '@komek/elements';
import deadlines from '../../../schemas/deadlines.json';
import { api, setApiLanguage, setCsrfToken, type ApiErrorBody } from './api.js';
import { languageNames, languages, messages, startLanguage, status, type Lang, type MessageKey } from './messages.js';

interface Me {
  id: string;
  roles: string[];
  organisationId: string;
  csrfToken?: string;
}
interface FormEntry {
  id: string;
  country: 'KZ' | 'KG' | 'TJ';
  sop: string;
  step: string;
  formNumber: string | null;
  kind: string;
  title: string;
}
interface CaseSummary {
  id: string;
  country: 'kz' | 'kg' | 'tj';
  status: 'open' | 'closed';
  step: string | null;
  createdAt: string;
  updatedAt?: string;
}
interface Submission {
  id: string;
  formId: string;
  revision: number;
  data: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
type Consent =
  | { allowed: true; since?: string }
  | { allowed: false; reason: 'missing' | 'refused' | 'withdrawn'; requires: string[] };
interface CaseView extends CaseSummary {
  submissions: Submission[];
  consent: Record<string, Consent>;
  tasks: { ruleId: string; dueOn: string; doneAt: string | null }[];
}

type Route = { view: 'cases' } | { view: 'case'; id: string } | { view: 'form'; id: string; formId: string };

const deadlineTitles = new Map(
  (deadlines as { deadlines: { id: string; title: string }[] }).deadlines.map((d) => [d.id, d.title]),
);

/** The first step number a catalog entry names ("Step 3 (3.3)" → 3), for ordering forms as the SOP does. */
function stepNumber(step: string): number {
  const m = /Steps? (\d+)/.exec(step);
  return m ? Number(m[1]) : 99;
}

function parseRoute(hash: string): Route {
  const m = /^#\/cases\/([0-9a-f-]{36})(?:\/forms\/([a-z0-9.-]+))?$/.exec(hash);
  if (m?.[2]) return { view: 'form', id: m[1]!, formId: m[2] };
  if (m) return { view: 'case', id: m[1]! };
  return { view: 'cases' };
}

/**
 * `<komek-desk>`: the case desk. Sign-in, the list of cases, a case with its SOP steps, consent and deadlines, and
 * a form of the case in `<komek-form>` with what the case already knows filled in. Pages are `#/cases`,
 * `#/cases/<id>` and `#/cases/<id>/forms/<form id>`.
 */
export class KomekDesk extends LitElement {
  static override properties = {
    me: { state: true },
    lang: { state: true },
    route: { state: true },
    forms: { state: true },
    cases: { state: true },
    filters: { state: true },
    current: { state: true },
    prefill: { state: true },
    notice: { state: true },
    problem: { state: true },
    busy: { state: true },
  };

  declare me: Me | null | undefined;
  declare lang: Lang;
  declare route: Route;
  declare forms: FormEntry[];
  declare cases: CaseSummary[] | undefined;
  declare filters: { country: string; status: string; step: string };
  declare current: CaseView | undefined;
  declare prefill: Record<string, unknown> | undefined;
  declare notice: string;
  /** What went wrong, in the person's language; `saving` when it was a form that was not stored. */
  declare problem:
    { message: string; saving?: boolean; issues?: ApiErrorBody['issues']; consentForms?: string[] } | undefined;
  declare busy: boolean;

  /** The idempotency key of the submission being sent, kept while its answers stay the same (a retry reuses it). */
  private pending: { key: string; body: string } | undefined;

  constructor() {
    super();
    this.me = undefined;
    this.lang = startLanguage();
    this.route = parseRoute(location.hash);
    this.forms = [];
    this.filters = { country: '', status: '', step: '' };
    this.notice = '';
    this.busy = false;
  }

  private readonly onHash = () => {
    this.route = parseRoute(location.hash);
    this.problem = undefined;
    void this.load();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.applyLanguage();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  private t(key: MessageKey): string {
    return messages[this.lang][key] ?? messages.en[key];
  }

  private applyLanguage(): void {
    document.documentElement.lang = this.lang;
    document.title = this.t('appName');
    setApiLanguage(this.lang);
  }

  private async start(): Promise<void> {
    const r = await api<Me>('GET', '/api/session');
    if (r.status === 200 && r.body) return this.signedIn(r.body);
    this.me = null;
  }

  private async signedIn(me: Me): Promise<void> {
    setCsrfToken(me.csrfToken);
    this.me = me;
    const f = await api<{ forms: FormEntry[] }>('GET', '/api/forms');
    this.forms = f.status === 200 ? f.body.forms : [];
    await this.load();
  }

  private async load(): Promise<void> {
    if (!this.me) return;
    const route = this.route;
    if (route.view === 'cases') {
      const q = new URLSearchParams(Object.entries(this.filters).filter(([, v]) => v !== ''));
      const r = await api<{ cases: CaseSummary[] }>('GET', `/api/cases${q.size ? `?${q}` : ''}`);
      if (this.failed(r)) return;
      this.cases = r.body.cases;
    } else {
      if (this.current?.id !== route.id || route.view === 'case') {
        this.current = undefined;
        const r = await api<CaseView>('GET', `/api/cases/${route.id}`);
        if (this.failed(r)) return;
        this.current = r.body;
      }
      if (route.view === 'form') {
        this.prefill = undefined;
        this.pending = undefined;
        const p = await api<{ data: Record<string, unknown> }>('GET', `/api/cases/${route.id}/prefill/${route.formId}`);
        if (this.failed(p)) return;
        this.prefill = p.body.data ?? {};
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Shows the server's message for a failed call (in the person's language); a lost session goes back to sign-in. */
  private failed(r: { status: number; body: unknown }, signingIn = false): boolean {
    if (r.status >= 200 && r.status < 300) return false;
    if (r.status === 401 && !signingIn) {
      this.me = null;
      this.problem = { message: this.t('signInAgain') };
    } else if (r.status === 0) {
      this.problem = { message: this.t('networkError') };
    } else {
      const b = r.body as ApiErrorBody;
      this.problem = {
        message: b.message,
        ...(b.issues ? { issues: b.issues } : {}),
        ...(b.consentForms ? { consentForms: b.consentForms } : {}),
      };
    }
    return true;
  }

  private async signIn(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    this.busy = true;
    const r = await api<Me>('POST', '/api/session', { username: field('username'), password: field('password') });
    this.busy = false;
    if (this.failed(r, true)) return;
    this.problem = undefined;
    form.reset();
    await this.signedIn(r.body);
  }

  private async signOut(): Promise<void> {
    await api('DELETE', '/api/session');
    setCsrfToken(undefined);
    this.me = null;
    this.cases = undefined;
    this.current = undefined;
    location.hash = '';
  }

  private async newCase(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const country = ((e.target as HTMLFormElement).elements.namedItem('country') as HTMLSelectElement).value;
    this.busy = true;
    const r = await api<CaseSummary>('POST', '/api/cases', { country }, { 'idempotency-key': crypto.randomUUID() });
    this.busy = false;
    if (this.failed(r)) return;
    location.hash = `#/cases/${r.body.id}`;
  }

  private setLanguage(lang: Lang): void {
    this.lang = lang;
    localStorage.setItem('komek-desk-lang', lang);
    this.applyLanguage();
  }

  private async submitForm(e: KomekSubmitEvent): Promise<void> {
    const route = this.route;
    if (route.view !== 'form' || this.busy) return;
    const body = JSON.stringify({ formId: e.formId, data: e.data });
    if (this.pending?.body !== body) this.pending = { key: crypto.randomUUID(), body };
    this.busy = true;
    this.problem = undefined;
    const r = await api('POST', `/api/cases/${route.id}/submissions`, JSON.parse(body), {
      'idempotency-key': this.pending.key,
    });
    this.busy = false;
    if (this.failed(r)) {
      const shown = this.problem as KomekDesk['problem'];
      if (shown) this.problem = { ...shown, saving: true };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
      return;
    }
    this.pending = undefined;
    this.notice = this.t('saved');
    this.current = undefined;
    location.hash = `#/cases/${route.id}`;
  }

  private formTitle(formId: string): string {
    return this.forms.find((f) => f.id === formId)?.title ?? formId;
  }

  override render(): TemplateResult {
    return html`
      <header>
        <span class="brand">${this.t('appName')}</span>
        <label class="lang"
          >${this.t('language')}
          <select @change=${(e: Event) => this.setLanguage((e.target as HTMLSelectElement).value as Lang)}>
            ${languages.map((l) => html`<option value=${l} ?selected=${l === this.lang} lang=${l}>${languageNames[l]}</option>`)}
          </select></label
        >
        ${this.me ? html`<button type="button" class="link" @click=${() => this.signOut()}>${this.t('signOut')}</button>` : nothing}
      </header>
      ${status[this.lang] === 'draft' ? html`<p class="draft">${this.t('draftNotice')}</p>` : nothing}
      <main>
        ${this.me === undefined ? html`<p>${this.t('loading')}</p>` : this.me === null ? this.renderSignIn() : this.renderPage()}
      </main>
    `;
  }

  private renderProblem(): TemplateResult | typeof nothing {
    const p = this.problem;
    if (!p) return nothing;
    const route = this.route;
    return html`<div class="problem" role="alert" tabindex="-1">
      <p>${p.saving ? html`<strong>${this.t('notSaved')}:</strong> ` : nothing}${p.message}</p>
      ${
        p.issues?.length
          ? html`<ul>
              ${p.issues.map((i) => html`<li>${i.label ? `${i.label}: ` : ''}${i.message}</li>`)}
            </ul>`
          : nothing
      }
      ${
        p.consentForms?.length && route.view !== 'cases'
          ? html`<ul>
              ${p.consentForms.map((f) => html`<li><a href="#/cases/${route.id}/forms/${f}">${this.formTitle(f)}</a></li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }

  private renderSignIn(): TemplateResult {
    return html`<h1 tabindex="-1">${this.t('signInTitle')}</h1>
      <p>${this.t('signInIntro')}</p>
      ${this.renderProblem()}
      <form class="signin" @submit=${(e: SubmitEvent) => this.signIn(e)}>
        <label
          >${this.t('username')}
          <input name="username" autocomplete="username" required autocapitalize="none" spellcheck="false"
        /></label>
        <label
          >${this.t('password')} <input name="password" type="password" autocomplete="current-password" required
        /></label>
        <button type="submit" ?disabled=${this.busy}>${this.t('signIn')}</button>
      </form>`;
  }

  private renderPage(): TemplateResult {
    const r = this.route;
    if (r.view === 'cases') return this.renderCases();
    if (r.view === 'case') return this.renderCase();
    return this.renderForm(r.formId);
  }

  private countryName(c: string): string {
    return this.t(`countries_${c}` as MessageKey);
  }

  private renderCases(): TemplateResult {
    const steps = [
      ...new Set(
        this.forms.flatMap((f) =>
          this.filters.country && f.country.toLowerCase() !== this.filters.country ? [] : [f.step],
        ),
      ),
    ].sort((a, b) => stepNumber(a) - stepNumber(b) || a.localeCompare(b));
    const filter = (key: keyof KomekDesk['filters']) => (e: Event) => {
      this.filters = { ...this.filters, [key]: (e.target as HTMLSelectElement).value };
      void this.load();
    };
    return html`<h1 tabindex="-1">${this.t('cases')}</h1>
      ${this.renderProblem()}
      <section aria-labelledby="new-case">
        <h2 id="new-case">${this.t('newCase')}</h2>
        <form class="row" @submit=${(e: SubmitEvent) => this.newCase(e)}>
          <label
            >${this.t('country')}
            <select name="country">
              ${(['kz', 'kg', 'tj'] as const).map((c) => html`<option value=${c}>${this.countryName(c)}</option>`)}
            </select></label
          >
          <button type="submit" ?disabled=${this.busy}>${this.t('openNewCase')}</button>
        </form>
      </section>
      <section aria-labelledby="list">
        <h2 id="list">${this.t('cases')}</h2>
        <div class="row filters">
          <label
            >${this.t('country')}
            <select @change=${filter('country')}>
              <option value="">${this.t('any')}</option>
              ${(['kz', 'kg', 'tj'] as const).map((c) => html`<option value=${c} ?selected=${this.filters.country === c}>${this.countryName(c)}</option>`)}
            </select></label
          >
          <label
            >${this.t('status')}
            <select @change=${filter('status')}>
              <option value="">${this.t('any')}</option>
              <option value="open" ?selected=${this.filters.status === 'open'}>${this.t('open')}</option>
              <option value="closed" ?selected=${this.filters.status === 'closed'}>${this.t('closed')}</option>
            </select></label
          >
          <label
            >${this.t('step')}
            <select @change=${filter('step')}>
              <option value="">${this.t('any')}</option>
              ${steps.map((s) => html`<option value=${s} ?selected=${this.filters.step === s}>${s}</option>`)}
            </select></label
          >
        </div>
        ${
          this.cases === undefined
            ? html`<p>${this.t('loading')}</p>`
            : this.cases.length === 0
              ? html`<p>${this.t('noCases')}</p>`
              : html`<ul class="cases">
                  ${this.cases.map(
                    (c) =>
                      html`<li>
                        <a href="#/cases/${c.id}">${this.t('caseLabel')} ${c.id.slice(0, 8)}</a>
                        <span
                          >${this.countryName(c.country)} ·
                          ${c.status === 'open' ? this.t('open') : this.t('closed')}${c.step ? ` · ${c.step}` : ''}</span
                        >
                        <span class="muted"
                          >${this.t('updated')}: ${new Date(c.updatedAt ?? c.createdAt).toLocaleString(this.lang)}</span
                        >
                      </li>`,
                  )}
                </ul>`
        }
      </section>`;
  }

  private consentLabel(c: Consent | undefined): string {
    if (!c) return '';
    if (c.allowed) return this.t('consentGiven');
    return this.t(
      c.reason === 'refused' ? 'consentRefused' : c.reason === 'withdrawn' ? 'consentWithdrawn' : 'consentMissing',
    );
  }

  private renderCase(): TemplateResult {
    const c = this.current;
    if (!c)
      return html`<p><a href="#/cases">${this.t('backToCases')}</a></p>
        ${this.renderProblem()}
        <p>${this.t('loading')}</p>`;
    const forms = this.forms
      .filter((f) => f.country.toLowerCase() === c.country)
      .sort((a, b) => stepNumber(a.step) - stepNumber(b.step) || a.id.localeCompare(b.id));
    const today = new Date().toISOString().slice(0, 10);
    const notice = this.notice;
    this.notice = '';
    return html`<p><a href="#/cases">${this.t('backToCases')}</a></p>
      <h1 tabindex="-1">${this.t('caseLabel')} ${c.id.slice(0, 8)}</h1>
      <p>
        ${this.countryName(c.country)} · ${c.status === 'open' ? this.t('open') : this.t('closed')} ·
        ${this.t('created')}: ${new Date(c.createdAt).toLocaleString(this.lang)}
      </p>
      ${notice ? html`<p class="saved" role="status">${notice}</p>` : nothing} ${this.renderProblem()}
      <section aria-labelledby="steps">
        <h2 id="steps">${this.t('sopSteps')}</h2>
        <ol class="steps">
          ${forms.map((f) => {
            const done = c.submissions.filter((s) => s.formId === f.id);
            const consent = c.consent[f.id];
            return html`<li data-form=${f.id}>
              <span class="step">${f.sop} · ${f.step}</span>
              <span class="title">${f.title}</span>
              <span class="state">
                ${
                  done.length
                    ? html`<span class="ok"
                        >${this.t('submitted')}:
                        ${new Date(done[done.length - 1]!.updatedAt).toLocaleDateString(this.lang)}</span
                      >`
                    : html`<span class="muted">${this.t('notYet')}</span>`
                }
                ${consent ? html`<span class=${consent.allowed ? 'ok' : 'warn'}>${this.consentLabel(consent)}</span>` : nothing}
              </span>
              <a class="button" href="#/cases/${c.id}/forms/${f.id}"
                >${done.length ? this.t('fillAgain') : this.t('fillForm')}<span class="visually-hidden"
                  >: ${f.title}</span
                ></a
              >
            </li>`;
          })}
        </ol>
      </section>
      <section aria-labelledby="tasks">
        <h2 id="tasks">${this.t('tasks')}</h2>
        ${
          c.tasks.length === 0
            ? html`<p>${this.t('noTasks')}</p>`
            : html`<ul class="tasks">
                ${c.tasks.map(
                  (t) =>
                    html`<li>
                      <span>${deadlineTitles.get(t.ruleId) ?? t.ruleId}</span>
                      <span class=${t.doneAt ? 'ok' : t.dueOn < today ? 'warn' : ''}>
                        ${t.doneAt ? this.t('done') : t.dueOn < today ? this.t('overdue') : this.t('due')}:
                        ${new Date(`${t.dueOn}T00:00:00`).toLocaleDateString(this.lang)}
                      </span>
                    </li>`,
                )}
              </ul>`
        }
      </section>`;
  }

  private renderForm(formId: string): TemplateResult {
    const c = this.current;
    return html`<p><a href="#/cases/${this.route.view === 'form' ? this.route.id : ''}">${this.t('backToCase')}</a></p>
      <h1 tabindex="-1">${this.formTitle(formId)}</h1>
      ${c ? html`<p>${this.t('caseLabel')} ${c.id.slice(0, 8)} · ${this.countryName(c.country)}</p>` : nothing}
      ${this.renderProblem()} ${this.busy ? html`<p role="status">${this.t('sending')}</p>` : nothing}
      ${
        c && this.prefill
          ? html`<p class="muted">${this.t('prefilled')}</p>
              <komek-form
                form=${formId}
                lang=${this.lang}
                .data=${this.prefill}
                .caseRecords=${c.submissions.map((s) => ({ formId: s.formId, data: s.data }))}
                @komek-submit=${(e: KomekSubmitEvent) => this.submitForm(e)}
              ></komek-form>`
          : this.problem
            ? nothing
            : html`<p>${this.t('loading')}</p>`
      }`;
  }

  static override styles = css`
    :host {
      display: block;
      font-family: 'Noto Sans', system-ui, sans-serif;
      color: #1a1a1a;
      line-height: 1.5;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      padding: 0.5rem 1rem;
      background: #0b5cad;
      color: #fff;
    }
    .brand {
      font-weight: 700;
      margin-inline-end: auto;
    }
    header select {
      margin-inline-start: 0.25rem;
    }
    main {
      max-width: 60rem;
      margin: 0 auto;
      padding: 0 1rem 2rem;
      overflow-wrap: anywhere;
    }
    h1:focus {
      outline: none;
    }
    .draft {
      margin: 0;
      padding: 0.25rem 1rem;
      background: #fff4d6;
      font-size: 0.875rem;
    }
    label {
      display: inline-flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    input,
    select,
    button,
    .button {
      font: inherit;
      min-height: 2.75rem;
      box-sizing: border-box;
      max-width: 100%;
    }
    input {
      padding: 0 0.5rem;
      border: 1px solid #6b6b6b;
      border-radius: 4px;
    }
    button,
    .button {
      display: inline-flex;
      align-items: center;
      padding: 0 1rem;
      border: 0;
      border-radius: 4px;
      background: #0b5cad;
      color: #fff;
      text-decoration: none;
      cursor: pointer;
    }
    button.link {
      background: transparent;
      color: inherit;
      text-decoration: underline;
      padding: 0 0.25rem;
    }
    .signin {
      display: flex;
      flex-direction: column;
      gap: 1rem;
      max-width: 22rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: flex-end;
    }
    .cases,
    .steps,
    .tasks {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .cases li,
    .steps li,
    .tasks li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      align-items: center;
      padding: 0.75rem 0;
      border-bottom: 1px solid #d0d0d0;
    }
    .steps .title {
      flex: 1 1 18rem;
    }
    .steps .step {
      flex: 0 0 100%;
      font-size: 0.875rem;
      color: #595959;
    }
    .state {
      display: flex;
      flex-direction: column;
      font-size: 0.875rem;
    }
    .muted {
      color: #595959;
    }
    .ok {
      color: #1e6b34;
    }
    .warn {
      color: #b3261e;
      font-weight: 600;
    }
    .problem {
      border: 2px solid #b3261e;
      border-radius: 4px;
      padding: 0 1rem;
      margin: 1rem 0;
    }
    .saved {
      border-inline-start: 4px solid #1e6b34;
      padding-inline-start: 0.75rem;
    }
    a {
      color: #0b5cad;
    }
    header a,
    .button {
      color: #fff;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `;
}
