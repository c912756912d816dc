import { isKomekError } from '@komek/core';
import { createPaperForm, readPaperForm } from '@komek/pdf';
import type { Language } from '@komek/i18n';
import { ApiError, apiMessage, type ApiIssue } from '../errors.js';
import { checkAnswers, loadForm } from '../forms.js';
import { parseLanguages } from '../i18n.js';
import { casePacket, pdfName, submissionPdf, type PdfMode } from '../pdfs.js';
import { caseSubmissions } from '../store/submissions.js';
import { errorSchema, idParams, type ApiRequest, type RouteDef } from '../routeTypes.js';
import { idempotent } from './idempotent.js';
import { requireCase } from './cases.js';
import {
  createdSubmission,
  requireConsent,
  requireMinorIndicators,
  requireForm,
  requireSubmission,
  storeSubmission,
  validAnswers,
} from './submissions.js';
import { tokenMaySubmit } from '../access.js';

const pdfQuery = {
  type: 'object',
  properties: {
    lang: { type: 'string', description: 'one or two languages, e.g. kk,ru' },
    mode: { enum: ['filled', 'final'], default: 'filled' },
  },
} as const;

/** `?lang=` as the PDF's languages (one or two); the request's language when absent. */
export function pdfLanguages(req: ApiRequest): Language[] {
  const parsed = parseLanguages((req.query as { lang?: unknown }).lang);
  if (parsed && 'invalid' in parsed) throw new ApiError(400, 'invalid-language', { value: parsed.invalid });
  return parsed ?? [req.lang];
}

const pdfResponse = { description: 'The PDF', contentType: 'application/pdf' };

/** A problem a paper form would meet when stored, other than its answers: named by its API error code. */
export interface PaperProblem {
  code: 'form-country' | 'consent-required' | 'forbidden' | 'minor-indicator';
  message: string;
  consentForms?: string[];
}

export const paperRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/api/forms/:id/pdf',
    operationId: 'blankFormPdf',
    summary: 'A form of the catalog as a blank fillable PDF in one or two languages, to print or fill in a viewer',
    action: 'forms.print',
    auth: 'principal',
    schema: {
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      querystring: pdfQuery,
    },
    responses: {
      200: pdfResponse,
      400: { description: 'Unknown language', schema: errorSchema },
      404: { description: 'No such form', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const languages = pdfLanguages(req);
      const id = (req.params as { id: string }).id;
      if (!loadForm(id)) throw new ApiError(404, 'form-not-found', { id });
      const pdf = await createPaperForm(id, { languages });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${id}-blank.pdf"`)
        .send(Buffer.from(pdf));
    },
  },
  {
    method: 'GET',
    url: '/api/submissions/:id/pdf',
    operationId: 'submissionPdf',
    summary: 'A submission as a PDF in one or two languages: filled (still fillable) or final (flattened for signing)',
    action: 'submission.print',
    auth: 'principal',
    scope: 'submission',
    schema: { params: idParams, querystring: pdfQuery },
    responses: {
      200: pdfResponse,
      400: { description: 'Unknown language', schema: errorSchema },
      404: { description: 'No such submission', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const languages = pdfLanguages(req);
      const s = await requireSubmission(req, (req.params as { id: string }).id);
      const mode = (req.query as { mode: PdfMode }).mode;
      const pdf = await submissionPdf(s, languages, mode);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${pdfName(s.formId, s.id, mode)}"`)
        .send(Buffer.from(pdf));
    },
  },
  {
    method: 'GET',
    url: '/api/cases/:id/packet.pdf',
    operationId: 'casePacket',
    summary: "The case's forms as one PDF in one or two languages, in the order they were submitted",
    action: 'case.print',
    auth: 'principal',
    scope: 'case',
    schema: { params: idParams, querystring: pdfQuery },
    responses: { 200: pdfResponse, 404: { description: 'No such case, or a case without forms', schema: errorSchema } },
    handler: async (req, reply) => {
      const languages = pdfLanguages(req);
      const c = await requireCase(req, (req.params as { id: string }).id);
      const submissions = await caseSubmissions(req.services.database.db, req.services.keys, c.id);
      if (!submissions.length)
        throw new ApiError(404, 'not-found', { what: `${req.url.split('?')[0]} (the case has no forms yet)` });
      const mode = (req.query as { mode: PdfMode }).mode;
      const pdf = await casePacket(submissions, languages, mode);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="case-${c.id.slice(0, 8)}-${mode}.pdf"`)
        .send(Buffer.from(pdf));
    },
  },
  {
    method: 'POST',
    url: '/api/cases/:id/paper',
    operationId: 'uploadPaperForm',
    summary:
      'A Komek paper form filled in a PDF viewer, read back (readPaperForm), validated and stored as a submission',
    action: 'paper.upload',
    auth: 'principal',
    scope: 'case',
    body: 'pdf',
    bodyLimit: 20 * 1024 * 1024,
    schema: {
      params: idParams,
      querystring: {
        type: 'object',
        properties: {
          dryRun: {
            type: 'boolean',
            default: false,
            description: 'Read and check the form, store nothing: 200 with what it would add and every problem',
          },
          lang: { type: 'string' },
        },
      },
    },
    responses: {
      200: { description: '`dryRun=true`: the answers read, their issues and any other problem; nothing stored' },
      201: { description: 'Stored as a submission' },
      400: { description: 'Not a Komek paper form, or its answers are not valid (issues)', schema: errorSchema },
      404: { description: 'No such case', schema: errorSchema },
      409: { description: 'The form needs a signed consent in force', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const caseId = (req.params as { id: string }).id;
      await requireCase(req, caseId);
      let content: Awaited<ReturnType<typeof readPaperForm>>;
      try {
        content = await readPaperForm(req.body as Buffer);
      } catch (e) {
        if (isKomekError(e) || /pdf|parse|header|xref|trailer/i.test((e as Error).message)) {
          throw new ApiError(400, 'not-a-paper-form', { detail: (e as Error).message.split('\n')[0]!.slice(0, 300) });
        }
        throw e;
      }
      const form = await requireForm(content.formId);
      if ((req.query as { dryRun?: boolean }).dryRun) {
        // The trail says a form was checked, not that one was added to the case.
        req.action = 'paper.check';
        return paperPreview(req, caseId, form, content);
      }
      const answers = await validAnswers(form, content.data, req.langs);
      return idempotent(req, reply, false, async (tx) => {
        const s = await storeSubmission(tx, req, caseId, form, answers);
        return {
          status: 201,
          body: {
            ...createdSubmission(s),
            paperVersion: content.version,
            versionMatches: content.versionMatches,
          },
        };
      });
    },
  },
];

/**
 * What storing a paper form would do, without storing it: the answers as read (pruned of hidden questions when
 * valid), every issue of the answers, and the other problems storing would meet (a form of another country, a
 * consent not in force, a token that may not submit it, a minor indicator the date of birth contradicts), each in
 * the request's language.
 */
async function paperPreview(
  req: ApiRequest,
  caseId: string,
  form: Awaited<ReturnType<typeof requireForm>>,
  content: Awaited<ReturnType<typeof readPaperForm>>,
) {
  const c = await requireCase(req, caseId);
  const checked = await checkAnswers(form, content.data, req.langs);
  const problems: PaperProblem[] = [];
  const problem = (code: PaperProblem['code'], params: Record<string, unknown>, consentForms?: string[]) =>
    problems.push({ code, message: apiMessage(code, req.lang, params), ...(consentForms ? { consentForms } : {}) });
  if (!tokenMaySubmit(req.principal!, form.entry.id)) problem('forbidden', { action: `submit ${form.entry.id}` });
  if (form.entry.country.toLowerCase() !== c.country) {
    problem('form-country', { form: form.entry.id, country: c.country });
  } else {
    try {
      await requireConsent(req.services.database.db, req.services.keys, c, form.entry.id);
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'consent-required') throw e;
      problem('consent-required', e.params, e.extra.consentForms as string[]);
    }
    // A minor indicator on paper that contradicts the date of birth the case records would be refused too.
    if (checked.valid)
      try {
        await requireMinorIndicators(req.services.database.db, req, c, form, checked.data);
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'minor-indicator') throw e;
        problem('minor-indicator', e.params);
      }
  }
  const issues: ApiIssue[] = checked.valid ? [] : checked.issues;
  return {
    dryRun: true,
    formId: form.entry.id,
    languages: content.languages,
    paperVersion: content.version,
    versionMatches: content.versionMatches,
    data: checked.valid ? checked.data : content.data,
    issues,
    problems,
    wouldStore: issues.length === 0 && problems.length === 0,
  };
}
