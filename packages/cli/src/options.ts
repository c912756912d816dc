import { CliError, exitCodes } from './errors.js';

/** A command line that does not fit the command; the message says what would. Exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super('KOMEK_USAGE', message, exitCodes.usage);
    this.name = 'UsageError';
  }
}

/** Parses `--name value`, `--name=value` and `--flag` options; the rest are positional. */
export function parseOptions(
  args: string[],
  spec: Record<string, 'string' | 'boolean'>,
): { options: Record<string, string | boolean>; positional: string[] } {
  const options: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = spec[name];
    if (!kind)
      throw new UsageError(
        `unknown option --${name} (known: ${Object.keys(spec)
          .map((k) => '--' + k)
          .join(', ')})`,
      );
    if (kind === 'boolean') options[name] = true;
    else {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      options[name] = v;
    }
  }
  return { options, positional };
}

/** Country codes and other near misses people type for a language code. */
const nearLanguages: Record<string, string> = {
  kz: 'kk',
  kg: 'ky',
  tj: 'tg',
  kaz: 'kk',
  kir: 'ky',
  tgk: 'tg',
  uzb: 'uz',
  rus: 'ru',
  eng: 'en',
};

/** The usage error of a language code komek does not have, with the code meant when it can tell. */
export function unknownLanguageError(value: string, known: readonly string[]): UsageError {
  const lower = value.toLowerCase();
  const meant = known.includes(lower) ? lower : nearLanguages[lower];
  return new UsageError(
    `unknown language "${value}"${meant ? ` (did you mean ${meant}?)` : ''} (use one of: ${known.join(', ')})`,
  );
}

/**
 * Refuses arguments a command does not take beyond `allowed`: `komek keys rotate /srv/komek` must not rotate the keys
 * of ./komek-data (or make a new database there) while the folder meant is ignored.
 */
export function refuseExtraArguments(positional: readonly string[], usage: string, allowed = 0): void {
  const extra = positional[allowed];
  if (extra !== undefined)
    throw new UsageError(`unexpected argument "${extra}" (a data folder is given with --data DIR)\n${usage}`);
}
