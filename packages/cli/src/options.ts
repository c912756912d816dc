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
