#!/usr/bin/env node
import { isKomekError, type KomekErrorCode } from '@komek/core';
import { CliError, exitCodes } from './errors.js';

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
  komek users add|list|disable …                         people who sign in (roles, organisation)
  komek tokens create --scope submit|admin … | list | revoke ID
                                                         API tokens (printed once on creation)
  komek audit verify                                     check the audit trail's hash chain
  komek keys rotate                                      new key-encryption key; data keys re-wrapped
  komek reports rebuild | region --organisation O --region R
                                                         report facts re-derived; an organisation's region
  komek search reindex                                   case summaries and search terms re-derived (new search key)
  (users, tokens, audit, keys, reports, search take --data DIR or --database URL as serve does)

options of every command: --debug (a stack trace with an unexpected error), --help or -h (its usage)
exit codes: 0 done · 1 invalid content · 2 bad command line · 3 cannot read an input · 4 cannot write an output
            70 internal error · 130 interrupted (see packages/cli/README.md)
`;

/** A command: what it runs, and its usage, printed for `--help` or `-h`. */
interface Command {
  run: (args: string[]) => Promise<number>;
  usage: string;
}

const commands: Record<string, () => Promise<Command>> = {
  forms: async () => {
    const m = await import('./commands/forms.js');
    return { run: m.formsCommand, usage: m.FORMS_USAGE };
  },
  validate: async () => {
    const m = await import('./commands/validate.js');
    return { run: m.validateCommand, usage: m.VALIDATE_USAGE };
  },
  pdf: async () => {
    const m = await import('./commands/pdf.js');
    return { run: m.pdfCommand, usage: m.PDF_USAGE };
  },
  i18n: async () => {
    const m = await import('./commands/i18n.js');
    return { run: m.i18nCommand, usage: m.I18N_USAGE };
  },
  serve: async () => {
    const m = await import('./commands/serve.js');
    return { run: m.serveCommand, usage: m.SERVE_USAGE };
  },
  db: async () => {
    const m = await import('./commands/serve.js');
    return { run: m.dbCommand, usage: m.DB_USAGE };
  },
  worker: async () => {
    const m = await import('./commands/serve.js');
    return { run: m.workerCommand, usage: m.WORKER_USAGE };
  },
  users: async () => {
    const m = await import('./commands/admin.js');
    return { run: m.usersCommand, usage: m.USERS_USAGE };
  },
  tokens: async () => {
    const m = await import('./commands/admin.js');
    return { run: m.tokensCommand, usage: m.TOKENS_USAGE };
  },
  audit: async () => {
    const m = await import('./commands/admin.js');
    return { run: m.auditCommand, usage: m.AUDIT_USAGE };
  },
  keys: async () => {
    const m = await import('./commands/admin.js');
    return { run: m.keysCommand, usage: m.KEYS_USAGE };
  },
  reports: async () => {
    const m = await import('./commands/admin.js');
    return { run: m.reportsCommand, usage: m.REPORTS_USAGE };
  },
  search: async () => {
    const m = await import('./commands/admin.js');
    return { run: m.searchCommand, usage: m.SEARCH_USAGE };
  },
};

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const argv = process.argv.slice(2);
// --debug is taken out wherever it stands, so that every command accepts it.
const debug = argv.includes('--debug');
const [name, ...args] = argv.filter((a) => a !== '--debug');
if (!name || name === '--help' || name === '-h' || name === 'help') {
  process.stdout.write(HELP);
  process.exit(name ? 0 : 2);
}
const load = commands[name];
if (!load) {
  process.stderr.write(`komek: unknown command "${name}"\n\n${HELP}`);
  process.exit(2);
}
/** Errors of the packages that are about the command line, not faults: reported as usage errors. */
const usageErrors: ReadonlySet<KomekErrorCode> = new Set([
  'KOMEK_UNKNOWN_FORM',
  'KOMEK_UNSUPPORTED_LANGUAGE',
  'KOMEK_INVALID_ARGUMENT',
  'KOMEK_USAGE',
]);

/**
 * `--help` or `-h` anywhere before a `--` asks for the command's usage: printed on stdout, exit 0, and nothing run
 * (`komek keys rotate -h` must not rotate the keys).
 */
const end = args.indexOf('--');
const wantsHelp = (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');

try {
  const command = await load();
  if (wantsHelp) {
    process.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    process.exitCode = 0;
  } else process.exitCode = await command.run(args);
} catch (e) {
  const err = e as Error;
  // One line naming the file and the reason; the stack only when asked for (or when it is a fault of komek).
  const firstLine = (m: string) => m.split('\n')[0]!;
  if (e instanceof CliError) {
    process.stderr.write(`komek ${name}: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else if (isKomekError(e) && usageErrors.has(e.code)) {
    process.stderr.write(`komek ${name}: ${firstLine(err.message)}\n`);
    process.exitCode = exitCodes.usage;
  } else {
    process.stderr.write(
      `komek ${name}: internal error: ${firstLine(String(err?.message ?? e))}${debug ? '' : ' (run again with --debug for details)'}\n`,
    );
    process.exitCode = exitCodes.internal;
  }
  if (debug) process.stderr.write(`${err?.stack ?? String(e)}\n`);
}
