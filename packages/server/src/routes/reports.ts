import { ApiError } from '../errors.js';
import { isUuid, errorSchema, type ApiRequest, type RouteDef } from '../routeTypes.js';
import { indicatorById, indicators, reportWords, valueWords } from '../reports/indicators.js';
import { parsePeriod, runIndicator, worded, type Period, type ReportFilters } from '../reports/query.js';
import { reportCsv, reportPdf, reportXlsx } from '../reports/files.js';

/** The query every report takes: a period of whole months, filters, languages, a format. */
const reportQuery = (formats: string[], defaultFormat: string) => ({
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', description: 'first month, YYYY-MM (with `to`; default: the last whole quarter)' },
    to: { type: 'string', description: 'last month, YYYY-MM, a month that has ended' },
    country: { enum: ['kz', 'kg', 'tj'] },
    region: { type: 'string', maxLength: 200 },
    organisation: { type: 'string', description: 'an organisation id' },
    lang: { type: 'string', description: 'one or two of en ru kk ky tg uz, e.g. `kk,ru`' },
    format: { enum: formats, default: defaultFormat },
  },
});

const cellSchema = {
  type: 'object',
  required: ['value', 'text'],
  properties: { value: { type: ['integer', 'null'] }, text: { type: 'string' } },
} as const;
const headingSchema = {
  type: 'object',
  properties: { key: { type: 'string' }, label: { type: 'string' } },
} as const;

/** The protected table of one indicator, as JSON. */
export const indicatorReportSchema = {
  type: 'object',
  required: ['indicator', 'period', 'rows', 'columns', 'cells', 'rowTotals', 'rule'],
  properties: {
    indicator: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    period: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
    filters: { type: 'object' },
    rows: { type: 'array', items: headingSchema },
    columns: { type: 'array', items: headingSchema },
    cells: { type: 'array', items: { type: 'array', items: cellSchema } },
    rowTotals: { type: 'array', items: cellSchema },
    columnTotals: { type: ['array', 'null'], items: cellSchema },
    total: { oneOf: [cellSchema, { type: 'null' }] },
    rule: { type: 'string', description: 'the disclosure rule, in words' },
  },
} as const;

function periodAndFilters(req: ApiRequest): { period: Period; filters: ReportFilters } {
  const q = req.query as { from?: string; to?: string; country?: string; region?: string; organisation?: string };
  const period = parsePeriod(q.from, q.to);
  if (typeof period === 'string')
    throw new ApiError(400, 'invalid-period', { from: q.from ?? '—', to: q.to ?? '—' }, { detail: period });
  if (q.organisation !== undefined && !isUuid(q.organisation))
    throw new ApiError(400, 'invalid-request', {
      detail: `organisation "${q.organisation}" is not an organisation id`,
    });
  return { period, filters: { country: q.country, region: q.region, organisation: q.organisation } };
}

const fileName = (p: Period) => `komek-report-${p.from}_${p.to}`;

export const reportRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/api/reports',
    operationId: 'listIndicators',
    summary: 'The indicators a report can show (declared as data: what each counts, by what, over which day)',
    action: 'report.read',
    auth: 'principal',
    schema: { querystring: { type: 'object', properties: { lang: { type: 'string' } } } },
    responses: { 200: { description: '`{indicators: [{id, title, description, rows, columns}], rule}`' } },
    handler: async (req) => ({
      indicators: indicators.map((i) => ({
        id: i.id,
        title: worded(i.title, req.langs),
        description: worded(i.description, req.langs),
        rows: i.rows,
        columns: i.columns,
        period: i.period,
      })),
      countries: Object.keys(valueWords.country!),
      rule: worded(reportWords.rule, req.langs),
    }),
  },
  {
    method: 'GET',
    url: '/api/reports/:indicator',
    operationId: 'getIndicator',
    summary:
      'One indicator over a period of whole months, as protected figures (cells under 5 shown as "<5", complements withheld, figures rounded to 5): JSON, CSV or XLSX',
    action: 'report.read',
    auth: 'principal',
    schema: {
      params: { type: 'object', properties: { indicator: { type: 'string' } }, required: ['indicator'] },
      querystring: reportQuery(['json', 'csv', 'xlsx'], 'json'),
    },
    responses: {
      200: { description: 'The protected table', schema: indicatorReportSchema },
      400: { description: 'A period that is not whole months that have ended', schema: errorSchema },
      404: { description: 'No such indicator', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const id = (req.params as { indicator: string }).indicator;
      const indicator = indicatorById(id);
      if (!indicator) throw new ApiError(404, 'indicator-not-found', { id });
      const { period, filters } = periodAndFilters(req);
      req.auditTarget = `report:${indicator.id}:${period.from}..${period.to}`;
      const report = await runIndicator(req.services.database.db, indicator, period, filters, req.langs);
      const format = (req.query as { format: string }).format;
      const name = `${fileName(period)}-${indicator.id}`;
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(reportCsv([report]));
      if (format === 'xlsx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await reportXlsx([report], req.langs));
      return report;
    },
  },
  {
    method: 'GET',
    url: '/api/report',
    operationId: 'reportFile',
    summary:
      'Every indicator over a period as one file: a PDF in one or two languages (charts, tables, the rule), CSV or XLSX',
    action: 'report.read',
    auth: 'principal',
    schema: { querystring: reportQuery(['pdf', 'csv', 'xlsx'], 'pdf') },
    responses: {
      200: { description: 'The report', contentType: 'application/pdf' },
      400: { description: 'A period that is not whole months that have ended', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const { period, filters } = periodAndFilters(req);
      req.auditTarget = `report:all:${period.from}..${period.to}`;
      const db = req.services.database.db;
      const reports = [];
      for (const indicator of indicators) reports.push(await runIndicator(db, indicator, period, filters, req.langs));
      const format = (req.query as { format: string }).format;
      const name = fileName(period);
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(reportCsv(reports));
      if (format === 'xlsx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await reportXlsx(reports, req.langs));
      const filterWords = [
        filters.country ? worded(valueWords.country![filters.country]!, req.langs) : '',
        filters.region ?? '',
        filters.organisation
          ? ((
              await db
                .selectFrom('organisations')
                .select('name')
                .where('id', '=', filters.organisation)
                .executeTakeFirst()
            )?.name ?? '')
          : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const pdf = await reportPdf(reports, req.langs, { from: period.from, to: period.to, filters: filterWords });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(Buffer.from(pdf));
    },
  },
];
