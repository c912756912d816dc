import { ApiError } from '../errors.js';
import { parseLanguages } from '../i18n.js';
import { getCase } from '../store/cases.js';
import { errorSchema, idParams, isUuid, type RouteDef } from '../routeTypes.js';

export const jobRoutes: RouteDef[] = [
  {
    method: 'POST',
    url: '/api/jobs/pdf',
    operationId: 'queuePdfBatch',
    summary: 'Queue a batch of PDFs (one per submission); workers make them, GET /api/jobs/:id follows the batch',
    action: 'job.create',
    auth: 'principal',
    schema: {
      body: {
        type: 'object',
        required: ['submissionIds', 'lang'],
        additionalProperties: false,
        properties: {
          submissionIds: { type: 'array', minItems: 1, maxItems: 5000, uniqueItems: true, items: { type: 'string' } },
          lang: { type: 'string' },
          mode: { enum: ['filled', 'final'], default: 'final' },
        },
      },
    },
    responses: {
      202: { description: '`{batchId, total}`' },
      400: { description: 'Invalid body', schema: errorSchema },
      404: { description: 'A submission is not found', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const body = req.body as { submissionIds: string[]; lang: string; mode: 'filled' | 'final' };
      const languages = parseLanguages(body.lang);
      if (!languages || 'invalid' in languages) throw new ApiError(400, 'invalid-language', { value: body.lang });
      const db = req.services.database.db;
      for (const id of body.submissionIds) {
        const s = isUuid(id)
          ? await db.selectFrom('submissions').select('case_id').where('id', '=', id).executeTakeFirst()
          : undefined;
        if (!s || !(await getCase(db, req.principal!.organisationId, s.case_id)))
          throw new ApiError(404, 'submission-not-found', { id });
      }
      const { batchId } = await req.services.jobs.enqueue(
        body.submissionIds.map((submissionId) => ({
          kind: 'pdf',
          payload: { submissionId, languages, mode: body.mode, organisationId: req.principal!.organisationId },
        })),
      );
      reply.code(202);
      return { batchId, total: body.submissionIds.length };
    },
  },
  {
    method: 'GET',
    url: '/api/jobs/:id',
    operationId: 'getBatch',
    summary: "A batch's progress: each job's status and file",
    action: 'job.read',
    auth: 'principal',
    scope: 'job',
    schema: { params: idParams },
    responses: {
      200: { description: '`{total, done, failed, jobs}`' },
      404: { description: 'No such batch', schema: errorSchema },
    },
    handler: async (req) => {
      const id = (req.params as { id: string }).id;
      const batch = isUuid(id) ? await req.services.jobs.batch(id, req.principal!.organisationId) : undefined;
      if (!batch?.total) throw new ApiError(404, 'not-found', { what: `batch ${id}` });
      return batch;
    },
  },
  {
    method: 'GET',
    url: '/api/jobs/:id/files/:jobId',
    operationId: 'getJobFile',
    summary: 'The file one job of a batch made',
    action: 'job.read',
    auth: 'principal',
    scope: 'job',
    schema: {
      params: {
        type: 'object',
        properties: { id: { type: 'string' }, jobId: { type: 'string' } },
        required: ['id', 'jobId'],
      },
    },
    responses: {
      200: { description: 'The file', contentType: 'application/pdf' },
      404: { description: 'Not made (yet)', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const { id, jobId } = req.params as { id: string; jobId: string };
      const file =
        isUuid(id) && isUuid(jobId)
          ? await req.services.jobs.file(jobId, id, req.principal!.organisationId)
          : undefined;
      if (!file) throw new ApiError(404, 'not-found', { what: `file of job ${jobId}` });
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(Buffer.from(file.content));
    },
  },
];
