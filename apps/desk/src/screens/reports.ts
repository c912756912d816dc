import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { api } from '../api.js';
import type { KomekDesk } from '../desk.js';
import { languageNames, languages, reportMessages, type Lang, type ReportKey } from '../messages.js';
import type { Screen } from '../screen.js';

/** A figure as the server gives it: the rounded number, or null when withheld ("<5" or "x"). */
interface Cell {
  value: number | null;
  text: string;
}
interface IndicatorReport {
  indicator: string;
  title: string;
  description: string;
  rows: { key: string; label: string }[];
  columns: { key: string; label: string }[];
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[] | null;
  total: Cell | null;
  rule: string;
}

/** What the screen shows: kept here, the desk re-renders when it changes. */
const state: {
  from: string;
  to: string;
  country: string;
  second: Lang | '';
  reports: IndicatorReport[] | undefined;
  rule: string;
  shownFor: string;
} = { from: '', to: '', country: '', second: '', reports: undefined, rule: '', shownFor: '' };

const month = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

/** The months a report may cover end with the last month that has ended. */
function lastEnded(): string {
  const now = new Date();
  return month(new Date(now.getFullYear(), now.getMonth() - 1, 1));
}

/** A preset period: the last whole month, quarter or twelve months. */
function preset(kind: 'month' | 'quarter' | 'year'): { from: string; to: string } {
  const now = new Date();
  if (kind === 'month') return { from: lastEnded(), to: lastEnded() };
  if (kind === 'year') return { from: month(new Date(now.getFullYear(), now.getMonth() - 12, 1)), to: lastEnded() };
  const q = Math.floor(now.getMonth() / 3);
  return {
    from: month(new Date(now.getFullYear(), q * 3 - 3, 1)),
    to: month(new Date(now.getFullYear(), q * 3 - 1, 1)),
  };
}

const r = (desk: KomekDesk, key: ReportKey) => reportMessages[desk.lang][key] ?? reportMessages.en[key];

function query(desk: KomekDesk, extra: Record<string, string> = {}): string {
  const langs = [desk.lang, ...(state.second && state.second !== desk.lang ? [state.second] : [])];
  const q = new URLSearchParams({ from: state.from, to: state.to, lang: langs.join(','), ...extra });
  if (state.country) q.set('country', state.country);
  return q.toString();
}

async function show(desk: KomekDesk): Promise<void> {
  if (!state.from) Object.assign(state, preset('quarter'));
  if (state.to > lastEnded() || state.from > state.to) {
    desk.problem = { message: r(desk, 'periodEnded') };
    return;
  }
  desk.problem = undefined;
  desk.busy = true;
  const list = await api<{ indicators: { id: string }[]; rule: string }>('GET', `/api/reports?${query(desk)}`);
  if (desk.failed(list)) {
    desk.busy = false;
    return;
  }
  state.rule = list.body.rule;
  const replies = await Promise.all(
    list.body.indicators.map((i) => api<IndicatorReport>('GET', `/api/reports/${i.id}?${query(desk)}`)),
  );
  desk.busy = false;
  const failed = replies.find((x) => x.status !== 200);
  if (failed && desk.failed(failed)) return;
  state.reports = replies.map((x) => x.body);
  state.shownFor = query(desk);
  desk.requestUpdate();
}

/** Horizontal bars of the row totals, drawn as SVG; hidden from assistive technology (the table says it all). */
function chart(report: IndicatorReport): TemplateResult {
  const max = Math.max(1, ...report.rowTotals.map((t) => t.value ?? 0));
  const rowHeight = 28;
  return html`<svg
    class="chart"
    width="100%"
    height=${report.rows.length * rowHeight}
    aria-hidden="true"
    focusable="false"
  >
    ${report.rows.map((row, i) => {
      const t = report.rowTotals[i]!;
      const pct = t.value === null ? 0 : (t.value / max) * 80;
      const y = i * rowHeight;
      const mark =
        pct > 0
          ? svg`<rect x="0" y=${y + 6} width="${pct}%" height="16" class="bar"></rect>`
          : t.value === null
            ? svg`<rect x="0.5" y=${y + 6.5} width="6" height="15" class="withheld"></rect>`
            : nothing;
      return svg`<g>
        ${mark}
        <text x="${pct}%" dx=${pct > 0 ? 4 : t.value === null ? 10 : 0} y=${y + 19}>${t.text}</text>
        <title>${row.label}: ${t.text}</title>
      </g>`;
    })}
  </svg>`;
}

function table(desk: KomekDesk, report: IndicatorReport): TemplateResult {
  const id = `t-${report.indicator}`;
  return html`<div class="scroll" role="region" aria-labelledby=${id} tabindex="0">
    <table>
      <caption id=${id}>
        ${report.title}
      </caption>
      <thead>
        <tr>
          <td></td>
          ${report.columns.map((c) => html`<th scope="col">${c.label}</th>`)}
          <th scope="col">${r(desk, 'total')}</th>
        </tr>
      </thead>
      <tbody>
        ${report.rows.map(
          (row, i) =>
            html`<tr>
              <th scope="row">${row.label}</th>
              ${report.cells[i]!.map((c) => figure(desk, c))} ${figure(desk, report.rowTotals[i]!)}
            </tr>`,
        )}
        ${
          report.columnTotals
            ? html`<tr class="totals">
                <th scope="row">${r(desk, 'total')}</th>
                ${report.columnTotals.map((c) => figure(desk, c))}
                ${report.total ? figure(desk, report.total) : html`<td></td>`}
              </tr>`
            : nothing
        }
      </tbody>
    </table>
  </div>`;
}

const figure = (desk: KomekDesk, c: Cell) =>
  c.value === null ? html`<td><abbr title=${r(desk, 'withheld')}>${c.text}</abbr></td>` : html`<td>${c.text}</td>`;

/** The reports screen (`#/reports`) of the reporting role: period, filters, downloads, a chart and table per indicator. */
export const reportsScreen: Screen<'reports'> = {
  async load(desk) {
    if (!state.reports || state.shownFor !== query(desk)) await show(desk);
  },

  render(desk) {
    const set = (key: 'from' | 'to' | 'country' | 'second') => (e: Event) => {
      (state as Record<string, unknown>)[key] = (e.target as HTMLInputElement | HTMLSelectElement).value;
    };
    const pick = (kind: 'month' | 'quarter' | 'year') => () => {
      Object.assign(state, preset(kind));
      void show(desk);
    };
    const max = lastEnded();
    return html`<h1 tabindex="-1">${r(desk, 'reports')}</h1>
      <p>${r(desk, 'reportsIntro')}</p>
      ${desk.renderProblem()}
      <form
        class="row period"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          void show(desk);
        }}
      >
        <label
          >${r(desk, 'from')}
          <input type="month" name="from" .value=${state.from} max=${max} required @change=${set('from')}
        /></label>
        <label
          >${r(desk, 'to')} <input type="month" name="to" .value=${state.to} max=${max} required @change=${set('to')}
        /></label>
        <label
          >${desk.t('country')}
          <select name="country" @change=${set('country')}>
            <option value="">${r(desk, 'allCountries')}</option>
            ${(['kz', 'kg', 'tj'] as const).map((c) => html`<option value=${c} ?selected=${state.country === c}>${desk.countryName(c)}</option>`)}
          </select></label
        >
        <label
          >${r(desk, 'secondLanguage')}
          <select name="second" @change=${set('second')}>
            <option value="">${r(desk, 'none')}</option>
            ${languages
              .filter((l) => l !== desk.lang)
              .map(
                (l) => html`<option value=${l} lang=${l} ?selected=${state.second === l}>${languageNames[l]}</option>`,
              )}
          </select></label
        >
        <button type="submit" ?disabled=${desk.busy}>${r(desk, 'show')}</button>
      </form>
      <p class="row presets">
        <button type="button" class="link" @click=${pick('month')}>${r(desk, 'lastMonth')}</button>
        <button type="button" class="link" @click=${pick('quarter')}>${r(desk, 'lastQuarter')}</button>
        <button type="button" class="link" @click=${pick('year')}>${r(desk, 'lastYear')}</button>
      </p>
      ${
        state.reports
          ? html`<section aria-labelledby="downloads">
                <h2 id="downloads">${r(desk, 'download')} (${state.from} – ${state.to})</h2>
                <ul class="downloads">
                  <li>
                    <a href="/api/report?${query(desk, { format: 'pdf' })}" download>${r(desk, 'downloadPdf')}</a>
                  </li>
                  <li>
                    <a href="/api/report?${query(desk, { format: 'csv' })}" download>${r(desk, 'downloadCsv')}</a>
                  </li>
                  <li>
                    <a href="/api/report?${query(desk, { format: 'xlsx' })}" download>${r(desk, 'downloadXlsx')}</a>
                  </li>
                </ul>
                <p class="rule">${state.rule}</p>
              </section>
              ${state.reports.map(
                (report) =>
                  html`<section
                    class="indicator"
                    aria-labelledby="h-${report.indicator}"
                    data-indicator=${report.indicator}
                  >
                    <h2 id="h-${report.indicator}">${report.title}</h2>
                    <p class="description">${report.description}</p>
                    ${
                      report.rows.length
                        ? html`<div class="figure">
                            <div class="chart-box">
                              <ol class="labels" aria-hidden="true">
                                ${report.rows.map((row) => html`<li>${row.label}</li>`)}
                              </ol>
                              ${chart(report)}
                            </div>
                            ${table(desk, report)}
                          </div>`
                        : html`<p>${r(desk, 'nothing')}</p>`
                    }
                  </section>`,
              )}`
          : html`<p>${desk.t('loading')}</p>`
      }`;
  },

  styles: css`
    .period label {
      display: flex;
      flex-direction: column;
    }
    .presets {
      gap: 1rem;
    }
    .downloads {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      padding: 0;
      list-style: none;
    }
    .rule,
    .description {
      font-size: 0.875rem;
      color: #4a4a4a;
    }
    .figure {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
      gap: 1rem;
      align-items: start;
    }
    @media (max-width: 40rem) {
      .figure {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .chart-box {
      display: grid;
      grid-template-columns: minmax(6rem, 40%) minmax(0, 1fr);
      align-items: start;
    }
    .labels {
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: 0.8125rem;
    }
    .labels li {
      height: 28px;
      line-height: 28px;
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
      padding-inline-end: 0.5rem;
    }
    .chart {
      width: 100%;
      display: block;
    }
    .chart .bar {
      fill: #0b5cad;
    }
    .chart .withheld {
      fill: none;
      stroke: #595959;
      stroke-width: 1;
    }
    .chart text {
      font-size: 12px;
      fill: #1a1a1a;
    }
    .scroll {
      overflow-x: auto;
    }
    .scroll:focus {
      outline: 2px solid #0b5cad;
    }
    table {
      overflow-wrap: normal;
      word-break: normal;
      border-collapse: collapse;
      font-size: 0.875rem;
      width: 100%;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-bottom: 0.25rem;
    }
    th,
    td {
      border-bottom: 1px solid #d0d0d0;
      padding: 0.125rem 0.375rem;
      text-align: end;
      vertical-align: top;
    }
    th[scope='row'] {
      text-align: start;
      font-weight: 400;
    }
    .totals th,
    .totals td {
      font-weight: 700;
    }
  `,
};
