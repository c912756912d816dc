import { KomekError, type KomekErrorCode } from '@komek/core';

/**
 * The exit codes of `komek`, documented in packages/cli/README.md. A script can tell bad data from a bad command
 * line, an input that cannot be read and an output that cannot be written.
 */
export const exitCodes = {
  /** Done: valid, written, imported, checked. */
  ok: 0,
  /** The content is wrong: invalid data, characters that cannot be printed, failed batch records, a refused import. */
  invalid: 1,
  /** The command line is wrong: unknown command, option, form or language, a missing argument. */
  usage: 2,
  /** An input file cannot be read: missing, no permission, not UTF-8, not JSON. */
  input: 3,
  /** An output cannot be written: missing folder, no permission, a folder where a file should be, disk full. */
  output: 4,
  /** A fault of komek itself; `--debug` prints its stack trace. */
  internal: 70,
  /** Stopped by Ctrl-C (SIGINT); a batch first says what it wrote. */
  interrupted: 130,
} as const;

/** An error the CLI reports as one line (`komek <command>: <message>`) and an exit code, without a stack trace. */
export class CliError extends KomekError {
  constructor(
    code: KomekErrorCode,
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'CliError';
  }
}

/** An input file that cannot be read or decoded. */
export class InputError extends CliError {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('KOMEK_CANNOT_READ', `cannot read ${file}: ${reason}`, exitCodes.input, options);
    this.name = 'InputError';
  }
}

/** An output that cannot be written. */
export class OutputError extends CliError {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('KOMEK_CANNOT_WRITE', `cannot write ${file}: ${reason}`, exitCodes.output, options);
    this.name = 'OutputError';
  }
}

const reasons: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  EFBIG: 'the file is too large',
  EIO: 'input/output error',
};

/** A short reason for a file-system error, without Node's syscall and path decoration. */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && reasons[code]) return reasons[code];
  const message = (e as Error | undefined)?.message ?? String(e);
  return message.replace(/^[A-Z]+: /, '').replace(/, \w+ '[^']*'$/, '');
}
