import type { JobHandler } from './queue.js';

/** What each kind of job does. */
export const jobHandlers: Record<string, JobHandler> = {};
