import type { Database } from './db/database.js';
import type { JobQueue } from './jobs/queue.js';

/** What the routes use: the database, the job queue, the configuration. */
export interface Services {
  database: Database;
  jobs: JobQueue;
  adminToken: string;
  /** Where the server keeps its files (the admin token; PGlite's data). */
  dataDir: string;
}
