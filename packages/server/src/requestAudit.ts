import type { AuditFields } from './security/auditChain.js';
import type { ApiRequest } from './routeTypes.js';
import type { Db } from './store/types.js';

/** The text with its control characters and lone surrogate halves made U+FFFD (null stays null). */
function asText<T extends string | null>(text: T): T {
  const notText =
    // eslint-disable-next-line no-control-regex -- replacing control characters is what this is for
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  return (text === null ? null : text.replace(notText, '\ufffd')) as T;
}

/**
 * The audit entry of a request answered with `status` (`payload`: the reply's JSON text): who, what, which record,
 * from where, allowed or not — never the content. Undefined for a request the trail does not record.
 */
export function requestAuditFields(
  req: ApiRequest,
  status: number,
  payload: string | undefined,
): Omit<AuditFields, 'seq' | 'at'> | undefined {
  if (!req.action || (!req.principal && req.action !== 'session.create')) return undefined;
  if (!req.auditTarget && status === 201 && payload !== undefined) {
    const id = /"id":"([0-9a-f-]{36})"/.exec(payload)?.[1];
    if (id) req.auditTarget = `${req.action.split('.')[0]}:${id}`;
  }
  const id = (req.params as { id?: string } | undefined)?.id;
  // A path can carry what is not text (`/api/cases/%00`): the database refuses NUL, and the entry would be lost.
  const target = asText(req.auditTarget ?? (req.auditScope && id ? `${req.auditScope}:${id.slice(0, 64)}` : null));
  return {
    actor: req.principal?.id ?? 'anonymous',
    action: req.action,
    target,
    origin: req.ip,
    organisation: req.principal?.organisationId ?? req.auditOrganisation ?? null,
    outcome:
      status < 400 ? 'ok' : status === 401 || status === 403 || status === 404 || status === 429 ? 'denied' : 'failed',
  };
}

/**
 * Runs a change in one transaction with its audit entry: the change and the entry commit together, so a process
 * killed (or a database lost) between them leaves neither a change the trail does not name nor an entry for a change
 * that did not happen; an entry that cannot be written undoes the change (the request fails, and says so). `work`
 * gives the reply's status and body.
 */
export async function auditedWrite<T extends { status: number; body: unknown }>(
  req: ApiRequest,
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  const result = await req.services.database.db.transaction().execute(async (tx) => {
    const r = await work(tx);
    const fields = requestAuditFields(req, r.status, JSON.stringify(r.body));
    if (fields) await req.services.audit.appendIn(tx, fields);
    return r;
  });
  req.audited = true;
  return result;
}
