/**
 * The few Node APIs the end-to-end tests use. test/e2e is type-checked with the browser code (tsconfig.browser.json,
 * which has no Node types); pulling @types/node into that program would change globals such as `setTimeout` for
 * every browser module, so these are declared here instead, as function and interface declarations only (they merge
 * with @types/node should it ever be present).
 */

interface E2eReadable {
  on(event: 'data', listener: (chunk: Uint8Array) => void): this;
}

interface E2eChildProcess {
  readonly pid?: number;
  readonly exitCode: number | null;
  readonly stdout: E2eReadable | null;
  readonly stderr: E2eReadable | null;
  kill(signal?: string): boolean;
  on(event: 'exit', listener: (code: number | null) => void): this;
  once(event: 'exit', listener: (code: number | null) => void): this;
}

interface E2eSpawnOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdio?: 'pipe' | 'inherit' | 'ignore' | readonly ('pipe' | 'inherit' | 'ignore')[];
}

declare module 'node:child_process' {
  export function spawn(command: string, args: readonly string[], options?: E2eSpawnOptions): E2eChildProcess;
  export function execFileSync(
    file: string,
    args: readonly string[],
    options: { encoding: 'utf8'; timeout?: number },
  ): string;
}

interface E2eDirent {
  readonly name: string;
  isDirectory(): boolean;
}

declare module 'node:fs' {
  export function existsSync(path: string): boolean;
  export function statSync(path: string): { readonly mtimeMs: number };
  export function readdirSync(path: string, options: { withFileTypes: true }): E2eDirent[];
  export function readFileSync(path: string): Uint8Array;
  export function writeFileSync(path: string, data: string | Uint8Array): void;
  export function mkdtempSync(prefix: string): string;
  export function rmSync(path: string, options?: { recursive?: boolean; force?: boolean }): void;
}

declare module 'node:net' {
  interface E2eServer {
    listen(port: number, host: string, callback: () => void): this;
    address(): { port: number } | string | null;
    close(callback?: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  export function createServer(): E2eServer;
}

declare module 'node:os' {
  export function tmpdir(): string;
}

declare module 'node:path' {
  export function join(...parts: string[]): string;
}

declare module 'node:url' {
  export function fileURLToPath(url: string | URL): string;
}

declare var process: {
  readonly execPath: string;
  readonly env: Record<string, string | undefined>;
  readonly platform: string;
};
