/**
 * Builds the publishable packages (`pnpm -r --filter ./packages/** run build`) when a dist/ is missing or older
 * than what it is built from, so that the pack test checks the current code without rebuilding on every run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** The publishable packages: folder under packages/ → package name. */
export const publishable = {
  core: '@komek/core',
  forms: '@komek/forms',
  i18n: '@komek/i18n',
  pdf: '@komek/pdf',
  elements: '@komek/elements',
  cli: '@komek/cli',
  react: '@komek/react',
} as const;

/** What each package's dist/ is built from, besides its own src/ and package.json. */
const inputs: Record<string, string[]> = {
  i18n: ['packages/i18n/locales'],
  react: ['packages/elements/src'],
  elements: [
    'packages/core/src',
    'packages/forms/src',
    'packages/i18n/src',
    'packages/i18n/locales',
    'packages/elements/vite.config.ts',
  ],
};

/** The newest modification time under a file or folder (tests and node_modules left out). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || /\.test\.ts$/.test(entry.name)) continue;
    latest = Math.max(latest, newest(`${path}/${entry.name}`));
  }
  return latest;
}

/** Oldest file time of a built dist/ (0 when it is missing). */
function builtAt(dir: string): number {
  const dist = `${root}packages/${dir}/dist`;
  const marker = dir === 'elements' ? `${dist}/komek.js` : `${dist}/index.js`;
  const entry = dir === 'cli' ? `${dist}/bin.js` : marker;
  return existsSync(entry) ? statSync(entry).mtimeMs : 0;
}

export function stalePackages(): string[] {
  return Object.keys(publishable).filter((dir) => {
    const built = builtAt(dir);
    const sources = [
      `packages/${dir}/src`,
      `packages/${dir}/package.json`,
      `packages/${dir}/tsconfig.build.json`,
      ...(inputs[dir] ?? []),
    ];
    return built === 0 || sources.some((s) => newest(`${root}${s}`) > built);
  });
}

/** Builds every publishable package when any is stale (a package's declarations are built from its dependencies'). */
export function buildPackages(): void {
  if (stalePackages().length === 0) return;
  try {
    // The elements build fails when the median form needs more than its size budget (scripts/size.mjs): so does this.
    execFileSync('pnpm', ['-r', '--filter', './packages/**', 'run', 'build'], {
      cwd: root,
      stdio: 'pipe',
      encoding: 'utf8',
      env: { ...process.env },
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(
      `pnpm build failed:\n${`${stdout ?? ''}\n${stderr ?? ''}`.trim().split('\n').slice(-40).join('\n')}`,
      { cause: e },
    );
  }
}
