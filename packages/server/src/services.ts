import type { Database } from './db/database.js';
import type { JobQueue } from './jobs/queue.js';
import type { AnswerKeys } from './security/answerKeys.js';
import type { AuditTrail } from './audit.js';
import type { SearchIndex } from './security/blindIndex.js';

/** What the routes use: the database, the job queue, the configuration. */
export interface Services {
  database: Database;
  jobs: JobQueue;
  /** Seals and opens answers at rest. */
  keys: AnswerKeys;
  /** The blind index that finds cases by their summary fields (key outside the database). */
  search: SearchIndex;
  /** The hash-chained audit trail. */
  audit: AuditTrail;
  /** Where the server keeps its files (the admin token; PGlite's data). */
  dataDir: string;
}
