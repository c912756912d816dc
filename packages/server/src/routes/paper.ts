import { isKomekError } from '@komek/core';
import { readPaperForm } from '@komek/pdf';
import type { Language } from '@komek/i18n';
import { ApiError } from '../errors.js';
import { parseLanguages } from '../i18n.js';
import { casePacket, pdfName, submissionPdf, type PdfMode } from '../pdfs.js';
import { caseSubmissions } from '../store/submissions.js';
import { errorSchema, idParams, type ApiRequest, type RouteDef } from '../routeTypes.js';
import { idempotent } from './idempotent.js';
import { requireCase } from './cases.js';
import { createdSubmission, requireForm, requireSubmission, storeSubmission, validAnswers } from './submissions.js';

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

export const paperRoutes: RouteDef[] = [
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
    schema: { params: idParams },
    responses: {
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
