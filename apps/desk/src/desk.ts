import { html, LitElement, nothing, type CSSResult, type PropertyValues, type TemplateResult } from 'lit';
import { deleteDrafts, type KomekForm } from '@komek/elements';
import { api, setApiLanguage, setCsrfToken, type ApiErrorBody } from './api.js';
import {
  languageNames,
  languages,
  messages,
  reportMessages,
  startLanguage,
  status,
  type Lang,
  type MessageKey,
} from './messages.js';
import { parseRoute, type Route } from './router.js';
import { userDrafts } from './drafts.js';
import { textProblemIn } from '@komek/core';
import { characters } from './limits.js';
import { Outbox } from './outbox.js';
import { forgetUser, offlineUser, rememberUser, renderOutboxIndicator, renderSignOutWarning } from './offline.js';
import type { Screen } from './screen.js';
import { casePageScreen } from './screens/case-page.js';
import { caseListScreen } from './screens/case-list.js';
import { formPageScreen } from './screens/form-page.js';
import { editPageScreen } from './screens/edit-page.js';
import type { OutboxItem } from './outbox.js';
import { outboxStyles } from './panels/outbox-panel.js';
import { paperStyles } from './panels/paper-panel.js';
import { signInScreen } from './screens/sign-in.js';
import { approvalsScreen } from './screens/approvals.js';
import { referralsScreen } from './screens/referrals.js';
import { reportsScreen } from './screens/reports.js';
import { deskStyles } from './styles.js';
import { minorStyles } from './screens/minor.js';
import type { Approval, CaseSummary, CaseView, DueTask, FormEntry, Me, Referral } from './types.js';

/** The roles whose work is cases (the others see no case list). */
const caseRoles = ['specialist', 'head-of-service', 'coordinator'];

/** Which screen shows each route (sign-in is shown instead of any of them when there is no session). */
const screens: { [V in Route['view']]: Screen<V> } = {
  cases: caseListScreen,
  case: casePageScreen,
  form: formPageScreen,
  edit: editPageScreen,
  approvals: approvalsScreen,
  referrals: referralsScreen,
  reports: reportsScreen,
};

/**
 * `<komek-desk>`: the case desk's shell. It holds the session, the language and the state the screens share, shows
 * the header, and routes `location.hash` to a screen (screens/*.ts): sign-in, the list of cases (`#/cases`), a case
 * (`#/cases/<id>`) and a form of the case (`#/cases/<id>/forms/<form id>`).
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
    online: { state: true },
    outbox: { state: true },
    signOutWarning: { state: true },
    dueTasks: { state: true },
    approvals: { state: true },
    incoming: { state: true },
    organisations: { state: true },
    secondLang: { state: true },
  };

  declare me: Me | null | undefined;
  declare lang: Lang;
  declare route: Route;
  declare forms: FormEntry[];
  declare cases: CaseSummary[] | undefined;
  declare filters: { country: string; status: string; step: string; deadline: string; q: string };
  declare current: CaseView | undefined;
  declare prefill: Record<string, unknown> | undefined;
  declare notice: string;
  /** What went wrong, in the person's language; `saving` when it was a form that was not stored. */
  declare problem:
    | {
        message: string;
        saving?: boolean;
        issues?: ApiErrorBody['issues'];
        consentForms?: string[];
        /** The server could not be reached. */
        unreachable?: boolean;
      }
    | undefined;
  declare busy: boolean;
  /** False while the browser says it has no connection, or the server did not answer at start. */
  declare online: boolean;
  /** The signed-in user's forms waiting to be sent (offline.ts, outbox.ts). */
  declare outbox: Outbox | undefined;
  /** Shown instead of signing out while forms still wait to be sent. */
  declare signOutWarning: boolean;
  /** A queued form the person chose to open again in its form (the form page or the edit page takes it). */
  reopen: OutboxItem | undefined;
  private retry: number | undefined;
  /** Open deadlines of the organisation's cases: overdue and due within the week (the case list). */
  declare dueTasks: DueTask[];
  /** Decisions and plans waiting for the head of service (the approvals screen). */
  declare approvals: Approval[] | undefined;
  /** Referrals sent to this organisation (the referrals screen). */
  declare incoming: Referral[] | undefined;
  /** The other organisations on the server, to refer a case to. */
  declare organisations: { id: string; name: string }[];
  /** The forms' second language, shown under every label ('' for none). */
  declare secondLang: Lang | '';

  constructor() {
    super();
    this.me = undefined;
    this.lang = startLanguage();
    this.route = parseRoute(location.hash);
    this.forms = [];
    this.filters = { country: '', status: '', step: '', deadline: '', q: '' };
    this.dueTasks = [];
    this.organisations = [];
    const second = localStorage.getItem('komek-desk-lang2');
    this.secondLang =
      (languages as readonly string[]).includes(second ?? '') && second !== this.lang ? (second as Lang) : '';
    this.notice = '';
    this.busy = false;
    this.online = navigator.onLine;
    this.signOutWarning = false;
  }

  private readonly onOnline = () => {
    this.online = true;
    void this.reconnect();
  };

  private readonly onOffline = () => {
    this.online = false;
  };

  private readonly onOutboxChange = () => this.requestUpdate();

  /** A queued form of the case on screen was stored: the case is read again to show it. */
  private readonly onOutboxStored = (e: Event) => {
    const r = this.route;
    if (r.view === 'case' && (e as CustomEvent<{ caseId: string }>).detail.caseId === r.id)
      void this.loadCase(r.id, true);
  };

  /** The page (`location.hash`) where the notice on screen was first shown. */
  private noticeShownOn: string | undefined;

  private readonly onHash = () => {
    // A notice stays on the page it was shown on, through its redraws, and goes when the person moves on. One set
    // just before a move (a form stored, then its case) is shown on the page moved to.
    if (this.noticeShownOn !== undefined && this.noticeShownOn !== location.hash) this.notice = '';
    this.route = parseRoute(location.hash);
    this.problem = undefined;
    void this.load();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    // The network may be up while the server was not: what waits is tried again every minute.
    this.retry = window.setInterval(() => {
      if (navigator.onLine && this.me?.csrfToken && this.outbox?.waiting) void this.outbox.sync();
    }, 60_000);
    this.applyLanguage();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    window.clearInterval(this.retry);
  }

  /** A string of the interface in the chosen language (English where a translation lacks it). */
  t(key: MessageKey): string {
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
    // No answer: the desk opens offline for the user last signed in here, with what waits to be sent.
    const last = r.status === 0 ? offlineUser() : undefined;
    if (last) {
      this.online = false;
      this.me = last.me;
      this.forms = last.forms;
      this.useOutbox(last.me.id);
      return this.load();
    }
    this.me = null;
  }

  /** The connection is back: the session is checked again (for its CSRF token) and what waits is sent. */
  private async reconnect(): Promise<void> {
    if (this.me?.csrfToken) void this.reread();
    if (!this.me || this.me.csrfToken) return void this.outbox?.sync();
    const r = await api<Me>('GET', '/api/session');
    if (r.status === 200 && r.body) return this.signedIn(r.body);
    if (r.status === 401) {
      this.me = null;
      this.problem = { message: this.t('signInAgain') };
    }
  }

  /**
   * The connection is back: a screen that could not be read for want of it is read again, instead of keeping the
   * "did not answer" message over an empty screen. Not a form being filled (reading it again would put the prefill
   * back over what was typed) nor a form that was not sent (its message stays until the person sends again).
   */
  private async reread(): Promise<void> {
    const route = this.route;
    if (!this.problem?.unreachable || this.problem.saving || route.view === 'form' || route.view === 'edit') return;
    this.problem = undefined;
    await (screens[route.view] as Screen<Route['view']>).load?.(this, route);
  }

  async signedIn(me: Me): Promise<void> {
    setCsrfToken(me.csrfToken);
    this.me = me;
    // Someone whose only work is reporting starts on the reports: cases are not theirs to see.
    if (this.onlyReports() && this.route.view !== 'reports') {
      this.route = { view: 'reports' };
      history.replaceState(null, '', '#/reports');
    }
    this.online = true;
    // Someone else was signed in here last and did not sign out (their session ran out): their drafts go now.
    const last = offlineUser()?.me.id;
    if (last && last !== me.id) await this.deleteDrafts(last);
    // Nor is anything the desk still holds in memory for them shown to the next person (whose session ran out leaves
    // the page as it was, with the case last read).
    if (last !== me.id) this.forgetScreens();
    const f = await api<{ forms: FormEntry[] }>('GET', '/api/forms');
    this.forms = f.status === 200 ? f.body.forms : [];
    rememberUser(me, this.forms);
    this.useOutbox(me.id);
    await this.load();
    await this.outbox!.sync();
  }

  /** What the screens hold of the person signed in before: gone, to be read again for the next one. */
  private forgetScreens(): void {
    this.cases = undefined;
    this.current = undefined;
    this.prefill = undefined;
    this.reopen = undefined;
    this.notice = '';
    this.dueTasks = [];
    this.approvals = undefined;
    this.incoming = undefined;
    this.organisations = [];
  }

  private useOutbox(userId: string): void {
    if (this.outbox?.userId === userId) return;
    this.outbox?.removeEventListener('change', this.onOutboxChange);
    this.outbox?.removeEventListener('stored', this.onOutboxStored);
    this.outbox = new Outbox(userId);
    this.outbox.addEventListener('change', this.onOutboxChange);
    this.outbox.addEventListener('stored', this.onOutboxStored);
    void this.outbox.refresh();
  }

  /** Loads what the current route's screen shows, then moves the focus to its heading. */
  async load(): Promise<void> {
    if (!this.me) return;
    const route = this.route;
    await (screens[route.view] as Screen<Route['view']>).load?.(this, route);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Loads the case into `current`, unless it is already there and `fresh` is not asked for. */
  async loadCase(id: string, fresh: boolean): Promise<void> {
    if (this.current?.id === id && !fresh) return;
    // Without a connection the case as last read in this page stays on screen (kept in memory only).
    const previous = this.current?.id === id ? this.current : undefined;
    this.current = undefined;
    const r = await api<CaseView>('GET', `/api/cases/${id}`);
    if (r.status === 0 && previous) {
      this.current = previous;
      return;
    }
    if (this.failed(r)) return;
    this.current = r.body;
  }

  /** Shows the server's message for a failed call (in the person's language); a lost session goes back to sign-in. */
  failed(r: { status: number; body: unknown }, signingIn = false): boolean {
    if (r.status >= 200 && r.status < 300) return false;
    if (r.status === 401 && !signingIn) {
      this.me = null;
      this.problem = { message: this.t('signInAgain') };
    } else if (r.status === 0) {
      this.problem = { message: this.t('networkError'), unreachable: true };
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

  /**
   * Refuses, before it is sent, a text the server would not take: empty where one is `required`, longer than its
   * limit (limits.ts), or holding a character that is not text (a control character or a broken one, which the server refuses naming only a JSON
   * place). Shows which box, and its limit and the text's length or the character and where it is, and leaves the
   * text in the box to correct. True when refused.
   */
  async refuseText(label: MessageKey, text: string, max: number, required = false): Promise<boolean> {
    const n = characters(text);
    const bad = textProblemIn(text);
    const empty = required && !text.trim();
    if (n <= max && !bad && !empty) return false;
    this.problem = {
      message: empty
        ? this.t('emptyField').replace('{field}', this.t(label))
        : bad
          ? this.t('notText')
              .replace('{field}', this.t(label))
              .replace('{char}', bad.character)
              .replace('{at}', String(characters(text.slice(0, bad.index)) + 1))
          : this.t('tooLong').replace('{field}', this.t(label)).replace('{max}', String(max)).replace('{n}', String(n)),
    };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
    return true;
  }

  /** Signs out; while forms still wait to be sent, first asks (renderSignOutWarning) unless `confirmed`. */
  async signOut(confirmed = false): Promise<void> {
    await this.outbox?.refresh();
    if (!confirmed && this.outbox?.waiting) {
      this.signOutWarning = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.signout-warning')?.focus();
      return;
    }
    this.signOutWarning = false;
    await this.outbox?.clear();
    this.outbox = undefined;
    if (this.me) await this.deleteDrafts(this.me.id);
    forgetUser();
    await api('DELETE', '/api/session');
    setCsrfToken(undefined);
    this.me = null;
    this.forgetScreens();
    location.hash = '';
  }

  /**
   * Deletes the encrypted drafts of forms the user was filling on this device (drafts.ts), so that the next person
   * on this browser profile finds none. A form still on screen first drops the save it was about to make.
   */
  private async deleteDrafts(userId: string): Promise<void> {
    const prefix = userDrafts(userId);
    for (const form of this.renderRoot.querySelectorAll<KomekForm>('komek-form'))
      if (form.draftKey?.startsWith(prefix)) await form.clearDraft(false);
    await deleteDrafts(prefix).catch(() => 0);
  }

  private setLanguage(lang: Lang): void {
    this.lang = lang;
    localStorage.setItem('komek-desk-lang', lang);
    // The forms' second language cannot be the first one: "none" then, as the choice above the form says.
    if (this.secondLang === lang) this.setSecondLanguage('');
    this.applyLanguage();
    // The forms' titles and signers come from the server in the request's language: asked for again in this one.
    if (this.me && this.online) void this.loadForms(this.me, lang);
    // So do the reports' titles, labels and rule: the report on screen is read again in this language.
    if (this.me && this.online && this.route.view === 'reports') void reportsScreen.load?.(this, this.route);
  }

  private async loadForms(me: Me, lang: Lang): Promise<void> {
    const f = await api<{ forms: FormEntry[] }>('GET', '/api/forms');
    if (f.status !== 200 || this.lang !== lang || this.me !== me) return;
    this.forms = f.body.forms;
    rememberUser(me, this.forms);
  }

  setSecondLanguage(lang: Lang | ''): void {
    this.secondLang = lang;
    localStorage.setItem('komek-desk-lang2', lang);
  }

  /** Whether the person may see reports, and whether that is all they may do here. */
  mayReport(): boolean {
    return !!this.me?.roles.some((r) => r === 'reporting' || r === 'administrator');
  }

  onlyReports(): boolean {
    return !!this.me && this.me.roles.includes('reporting') && !this.me.roles.some((r) => caseRoles.includes(r));
  }

  formTitle(formId: string): string {
    const f = this.forms.find((x) => x.id === formId);
    return f?.label ?? f?.title ?? formId;
  }

  /** An SOP step as the catalog words it (`Step 5 (5.3); Steps 9-11`), "Step" in the interface language. */
  stepLabel(step: string): string {
    return step.replace(/\bSteps\b/g, this.t('stepsWord')).replace(/\bStep\b/g, this.t('stepWord'));
  }

  /** A deadline rule's title in the interface language (schemas/deadlines.json's English where there is none). */
  deadlineTitle(ruleId: string, english: string | undefined): string {
    const key = `deadline_${ruleId}` as MessageKey;
    return messages[this.lang][key] ?? english ?? ruleId;
  }

  countryName(c: string): string {
    return this.t(`countries_${c}` as MessageKey);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('notice')) this.noticeShownOn = undefined;
  }

  protected override updated(): void {
    if (this.notice && this.noticeShownOn === undefined && this.renderRoot.querySelector('.saved[role="status"]'))
      this.noticeShownOn = location.hash;
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
        ${renderOutboxIndicator(this)}
        ${this.me ? html`<button type="button" class="link" @click=${() => this.signOut()}>${this.t('signOut')}</button>` : nothing}
        ${this.me ? this.renderNav() : nothing}
      </header>
      ${renderSignOutWarning(this)}
      ${status[this.lang] === 'draft' ? html`<p class="draft">${this.t('draftNotice')}</p>` : nothing}
      <main>
        ${this.me === undefined ? html`<p>${this.t('loading')}</p>` : this.me === null ? signInScreen.render(this, { view: 'cases' }) : this.renderPage()}
      </main>
    `;
  }

  /**
   * The main pages: cases for everyone, approvals for the head of service, referrals sent to the organisation, reports
   * for the reporting role.
   */
  private renderNav(): TemplateResult {
    const view = this.route.view;
    const link = (href: string, key: MessageKey, current: boolean) =>
      html`<li><a href=${href} aria-current=${current ? 'page' : 'false'}>${this.t(key)}</a></li>`;
    const reports = this.mayReport()
      ? html`<li>
          <a href="#/reports" aria-current=${view === 'reports' ? 'page' : 'false'}
            >${reportMessages[this.lang].reports}</a
          >
        </li>`
      : nothing;
    // Someone who only reports sees only the reports: cases and referrals are not theirs to see.
    if (this.onlyReports())
      return html`<nav aria-label=${this.t('mainPages')}>
        <ul>
          ${reports}
        </ul>
      </nav>`;
    return html`<nav aria-label=${this.t('mainPages')}>
      <ul>
        ${link('#/cases', 'cases', view === 'cases')}
        ${this.me?.roles.some((r) => r === 'head-of-service' || r === 'administrator') ? link('#/approvals', 'approvals', view === 'approvals') : nothing}
        ${link('#/referrals', 'incomingReferrals', view === 'referrals')} ${reports}
      </ul>
    </nav>`;
  }

  private renderPage(): TemplateResult {
    const route = this.route;
    return (screens[route.view] as Screen<Route['view']>).render(this, route);
  }

  /** The problem being shown (`problem`), with the consent forms to sign first linked when on a case. */
  renderProblem(): TemplateResult | typeof nothing {
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
        p.consentForms?.length && 'id' in route
          ? html`<ul>
              ${p.consentForms.map((f) => html`<li><a href="#/cases/${route.id}/forms/${f}">${this.formTitle(f)}</a></li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }

  static override styles: CSSResult[] = [
    deskStyles,
    outboxStyles,
    paperStyles,
    ...Object.values(screens).flatMap((s: { styles?: CSSResult }) => (s.styles ? [s.styles] : [])),
    ...(signInScreen.styles ? [signInScreen.styles] : []),
    minorStyles,
  ];
}
