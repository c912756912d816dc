import type * as Server from '@komek/server';
import { UsageError } from '../options.js';

/**
 * `@komek/server`, which the server's commands need and `@komek/cli` does not install (an optional peer): when it
 * is missing, the person is told which package to install, instead of an internal error.
 */
export async function serverPackage(): Promise<typeof Server> {
  try {
    return await import('@komek/server');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_MODULE_NOT_FOUND' && /['"]@komek\/server['"]/.test(err.message))
      throw new UsageError(
        'this command needs the @komek/server package, which is not installed beside @komek/cli: install it the way @komek/cli was (npm install -g @komek/server, or npm install @komek/server in this project)',
      );
    throw e;
  }
}
