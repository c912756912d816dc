#!/usr/bin/env node
import { isKomekError } from '@komek/core';
import { UsageError } from './options.js';

const HELP = `komek — forms of the IOM guidelines on migrants in vulnerable situations

usage:
  komek forms [--json]                                   list every form
  komek validate --form <id> [--lang ru] <data.json>     validate a case record
  komek pdf --form <id> --lang kk,ru [--data f.json] [--mode blank|filled|final] --out f.pdf
  komek pdf --batch cases.jsonl --lang kk,ru --out dir/  many PDFs, with progress
  komek i18n export|import|check …                      translator workflow
  komek serve [--data DIR] [--database URL] [--host 127.0.0.1] [--port 8080]
                                                         the API server (PGlite in DIR, or PostgreSQL 15+)
  komek db migrate [--data DIR] [--database URL]         apply the database migrations
  komek worker --database URL [--once]                   run queued jobs (PDF batches) on PostgreSQL
`;

const commands: Record<string, () => Promise<(args: string[]) => Promise<number>>> = {
  forms: async () => (await import('./commands/forms.js')).formsCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  pdf: async () => (await import('./commands/pdf.js')).pdfCommand,
  i18n: async () => (await import('./commands/i18n.js')).i18nCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  db: async () => (await import('./commands/serve.js')).dbCommand,
  worker: async () => (await import('./commands/serve.js')).workerCommand,
};

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h' || name === 'help') {
  process.stdout.write(HELP);
  process.exit(name ? 0 : 2);
}
const load = commands[name];
if (!load) {
  process.stderr.write(`komek: unknown command "${name}"\n\n${HELP}`);
  process.exit(2);
}
try {
  process.exitCode = await (await load())(args);
} catch (e) {
  if (e instanceof UsageError || isKomekError(e, 'KOMEK_UNKNOWN_FORM')) {
    process.stderr.write(`komek ${name}: ${(e as Error).message}\n`);
    process.exitCode = 2;
  } else throw e;
}
