/**
 * The packages as a stranger gets them: every publishable package is packed with `pnpm pack` (which applies each
 * package's publishConfig: exports and bin pointing at dist/), the tarballs are installed into a new project outside
 * the workspace (third-party dependencies from the registry through the local store), and that project
 *  - compiles a strict TypeScript consumer (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, NodeNext)
 *    that imports a form's type and validator, validates a fixture and makes a PDF, then runs it on plain Node;
 *  - runs `komek --help` and `komek validate` through the installed bin;
 *  - serves the installed `komek.js` to Chromium, which draws a form with it;
 *  - builds a React page with Vite from the installed `@komek/react`, which draws a form in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages, publishable, root } from './build.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const form = 'kz-f1-initial-application';

let project: string;
let tarballs: string;

const run = (cmd: string, args: string[], cwd = project) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

beforeAll(() => {
  buildPackages();
  const base = mkdtempSync(join(tmpdir(), 'komek-pack-'));
  tarballs = join(base, 'tarballs');
  project = join(base, 'consumer');
  mkdirSync(tarballs);
  mkdirSync(project);
  for (const dir of Object.keys(publishable))
    run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', dir));
  const files = readdirSync(tarballs);
  const tarball = (name: string) => {
    const file = files.find((f) => f.startsWith(`${name.replace('@', '').replace('/', '-')}-`));
    if (!file) throw new Error(`no tarball for ${name} in ${files.join(', ')}`);
    return `file:${join(tarballs, file)}`;
  };
  const komek = Object.fromEntries(Object.values(publishable).map((name) => [name, tarball(name)]));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'komek-consumer',
      private: true,
      type: 'module',
      dependencies: {
        ...komek,
        '@types/node': '20.19.25',
        react: '19.2.0',
        'react-dom': '19.2.0',
        '@types/react': '19.2.2',
        vite: '8.3.8',
      },
      // The packages depend on each other by version; these versions are the tarballs, not the registry.
      pnpm: { overrides: komek },
    }),
  );
  run('pnpm', [
    'install',
    '--prefer-offline',
    '--ignore-workspace',
    '--config.confirmModulesPurge=false',
    '--reporter=silent',
  ]);
}, 300_000);

afterAll(() => {
  if (project) rmSync(join(project, '..'), { recursive: true, force: true });
});

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.html': 'text/html',
};

/**
 * A static server on a free port for the files under `root` (404 for anything else); `page` answers a request of `/`
 * when given. Resolves to the server and its URL (with a trailing slash).
 */
async function serveFiles(
  root: string,
  page?: (query: URLSearchParams) => string,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const at = new URL(req.url ?? '/', 'http://x');
    if (at.pathname === '/' && page) {
      res.setHeader('content-type', 'text/html');
      res.end(page(at.searchParams));
      return;
    }
    const file = normalize(join(root, at.pathname === '/' ? 'index.html' : at.pathname));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', contentTypes[extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` };
}

/**
 * The text of the form `<komek-form>` draws once it has an input (an expression, not a function: this file is
 * compiled for Node, without the DOM's types).
 */
async function drawnFormText(page: Page): Promise<string> {
  await page.waitForFunction(
    "document.querySelector('komek-form')?.shadowRoot?.querySelector('.form input') != null",
    undefined,
    { timeout: 30_000 },
  );
  return page.evaluate<string>("document.querySelector('komek-form').shadowRoot.querySelector('.form').textContent");
}

/** Debian's Chromium, headless, as every browser test of this file runs it. */
const launchChromium = () =>
  chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });

describe('the packed packages', () => {
  it('ship what a user needs: built JavaScript, declarations, no sources, tests or build configs', () => {
    for (const name of Object.values(publishable)) {
      const dir = join(project, 'node_modules', name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        license?: string;
        private?: boolean;
        dependencies?: Record<string, string>;
      };
      expect(manifest.license, name).toBe('MIT');
      expect(manifest.private, name).toBeUndefined();
      for (const version of Object.values(manifest.dependencies ?? {}))
        expect(version, name).not.toMatch(/^workspace:/);
      const listed = (d: string): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? listed(join(d, e.name)).map((f) => `${e.name}/${f}`) : [e.name],
        );
      const shipped = listed(dir).filter((f) => !f.startsWith('node_modules/'));
      expect(shipped, name).toContain('LICENSE');
      expect(
        shipped.filter((f) => /(^src\/|\.test\.|tsconfig|vite\.config|^\.vite|\/\.vite\/)/.test(f)),
        name,
      ).toEqual([]);
      expect(
        shipped.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
        name,
      ).toEqual([]);
    }
  });

  it('compile in a strict NodeNext consumer that validates a fixture with a form type and validator and makes a PDF', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          types: ['node'],
          outDir: 'out',
        },
        include: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { readFileSync, writeFileSync } from 'node:fs';
import type { KzF1InitialApplication } from '@komek/forms/types/${form}';
import validate from '@komek/forms/validators/${form}';
import { catalog, type FormId } from '@komek/forms';
import { createPaperForm } from '@komek/pdf';
import { buildFormModel } from '@komek/core';

const id: FormId = '${form}';
const data: unknown = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
if (!validate(data)) {
  console.error(validate.errors);
  process.exit(1);
}
const application: KzF1InitialApplication = data;
const title = catalog.find((entry) => entry.id === id)?.title ?? '';
const pdf = await createPaperForm(id, { languages: ['ru', 'kk'], data: application, mode: 'final' });
writeFileSync(process.argv[3] ?? 'out.pdf', pdf);
console.log(JSON.stringify({ valid: true, title, bytes: pdf.length, buildFormModel: typeof buildFormModel }));
`,
    );
    run(process.execPath, [tsc, '-p', 'tsconfig.json']);
    const fixture = join(root, 'test/fixtures/forms', form, 'valid-1.json');
    const pdfPath = join(project, 'out.pdf');
    const out = JSON.parse(run(process.execPath, ['out/consumer.js', fixture, pdfPath])) as {
      valid: boolean;
      title: string;
      bytes: number;
    };
    expect(out.valid).toBe(true);
    expect(out.title).not.toBe('');
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The Russian label of the first field is drawn in the PDF, not only embedded: poppler extracts it.
    const text = run('pdftotext', [pdfPath, '-']);
    expect(text).toMatch(/[А-Яа-яЁё]{4,}/);
  });

  it('type a browser consumer of the element and the React wrapper, with the submitted data typed by form', () => {
    writeFileSync(
      join(project, 'tsconfig.browser.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          types: [],
          noEmit: true,
        },
        include: ['page.ts'],
      }),
    );
    writeFileSync(
      join(project, 'page.ts'),
      `import type { KomekFormFor } from '@komek/elements';
import type { KzF1InitialApplication } from '@komek/forms/types/${form}';
import { komekFormOf } from '@komek/react';
import { KomekSignaturePad } from '@komek/elements/signature-pad.js';

const el = document.querySelector('komek-form') as KomekFormFor<'${form}'> | null;
el?.addEventListener('komek-submit', (e) => {
  const application: KzF1InitialApplication = e.data;
  console.log(application.fullName);
});
export const InitialApplication = komekFormOf<'${form}'>();
// The drawing surface on its own: its module defines <komek-signature-pad>.
const pad: KomekSignaturePad = document.createElement('komek-signature-pad');
pad.folded = false;
console.log(pad instanceof KomekSignaturePad);
`,
    );
    run(process.execPath, [tsc, '-p', 'tsconfig.browser.json']);
  });

  it('install a komek command that runs on plain Node', () => {
    const bin = join(project, 'node_modules/.bin/komek');
    expect(existsSync(bin)).toBe(true);
    const help = run(bin, ['--help']);
    expect(help).toMatch(/komek/);
    expect(help).toMatch(/validate/);
    const invalid = join(root, 'test/fixtures/forms', form, 'invalid-1.json');
    let exit = 0;
    let printed = '';
    try {
      run(bin, ['validate', '--form', form, invalid]);
    } catch (e) {
      exit = (e as { status: number }).status;
      printed = String((e as { stdout: string }).stdout);
    }
    expect(exit).toBe(1);
    expect(printed).toMatch(/^\s*\/\w+/m);
  });

  it('says which package to install when a server command runs without @komek/server (an optional peer)', () => {
    const bin = join(project, 'node_modules/.bin/komek');
    for (const args of [
      ['serve', '--data', join(project, 'komek-data')],
      ['users', 'list'],
    ]) {
      let exit = 0;
      let printed = '';
      try {
        run(bin, args);
      } catch (e) {
        exit = (e as { status: number }).status;
        printed = String((e as { stderr: string }).stderr);
      }
      expect(exit, args[0]).toBe(2);
      expect(printed.trim(), args[0]).toBe(
        `komek ${args[0]}: this command needs the @komek/server package, which is not installed beside @komek/cli: install it the way @komek/cli was (npm install -g @komek/server, or npm install @komek/server in this project)`,
      );
    }
  });

  describe('komek.js from the installed @komek/elements', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      const dist = join(project, 'node_modules/@komek/elements/dist');
      ({ server, url } = await serveFiles(
        dist,
        (query) =>
          `<!doctype html><meta charset="utf-8"><script type="module" src="/komek.js"></script><komek-form form="${form}" lang="${query.get('lang') ?? 'ru'}"></komek-form>`,
      ));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    /** The form drawn in a language: its text, the requests it made and the problems it met. */
    async function draw(lang: string): Promise<{ text: string; requests: string[]; problems: string[] }> {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on(
          'console',
          (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()),
        );
        page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
        page.on('pageerror', (e) => problems.push(e.message));
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(`${url}?lang=${lang}`);
        const text = await drawnFormText(page);
        // "Draw a signature" fetches the drawing surface, signature-pad.js beside komek.js, which then shows.
        await page.waitForFunction(
          "document.querySelector('komek-form').shadowRoot.querySelector('button.draw') != null",
          undefined,
          { timeout: 30_000 },
        );
        await page.evaluate("document.querySelector('komek-form').shadowRoot.querySelector('button.draw').click()");
        await page.waitForFunction(
          "document.querySelector('komek-form').shadowRoot.querySelector('komek-signature-pad')?.shadowRoot?.querySelector('canvas') != null",
          undefined,
          { timeout: 30_000 },
        );
        return { text, requests, problems };
      } finally {
        await browser.close();
      }
    }

    it('draws a form in Chromium with no bundler, fetching only from its own folder', async () => {
      const { text, requests, problems } = await draw('ru');
      // Russian labels: the element fetched the Russian messages beside komek.js.
      expect(text).toMatch(/[А-Яа-яЁё]{4,}/);
      expect(problems).toEqual([]);
      expect(requests.filter((r) => !r.startsWith(url))).toEqual([]);
      expect(requests.some((r) => r === `${url}signature-pad.js`)).toBe(true);
      // Not English: the catalog form's model carries none, and Russian lacks no text of the form.
      expect(requests.filter((r) => r.includes('/locales/en/'))).toEqual([]);
    });

    it('draws it in English from the English messages file, as any other language', async () => {
      const { text, requests, problems } = await draw('en');
      const english = JSON.parse(
        readFileSync(join(root, 'packages/i18n/locales/en', `${form}.json`), 'utf8'),
      ) as Record<string, { text: string }>;
      // The form's first English labels (the model has none): a label of a field and the page's title.
      const firstLabel = Object.entries(english).find(([k]) => k.endsWith('.title') && k !== 'title')![1].text;
      expect(text).toContain(firstLabel);
      expect(requests.some((r) => r.endsWith(`/locales/en/forms/${form}.json`))).toBe(true);
      expect(text).not.toMatch(/[А-Яа-яЁё]{4,}/);
      expect(problems).toEqual([]);
    });
  });

  describe('<KomekForm> of the installed @komek/react and @komek/pdf in a page built with Vite', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      // What the README says: the bundler takes the element's code; dist/ is copied to a folder the site serves as it
      // is (Vite's public/), and setFilesBase names it.
      const app = join(project, 'react-app');
      mkdirSync(app);
      cpSync(join(project, 'node_modules/@komek/elements/dist'), join(app, 'public/komek'), { recursive: true });
      // And for @komek/pdf (its README): the locale files and the two fonts, named with setMessageLoader and setFontLoader.
      cpSync(join(project, 'node_modules/@komek/i18n/locales'), join(app, 'public/komek-pdf/locales'), {
        recursive: true,
      });
      const fonts = dirname(
        createRequire(join(project, 'node_modules/@komek/pdf/package.json')).resolve(
          'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
        ),
      );
      for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'])
        cpSync(join(fonts, font), join(app, 'public/komek-pdf/fonts', font));
      writeFileSync(
        join(app, 'index.html'),
        '<!doctype html><meta charset="utf-8"><div id="root"></div><script type="module" src="./main.js"></script>',
      );
      writeFileSync(
        join(app, 'main.js'),
        `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { KomekForm, setFilesBase } from '@komek/react';

setFilesBase('/komek/');
createRoot(document.getElementById('root')).render(createElement(KomekForm, { form: '${form}', lang: 'ru' }));

// Paper forms on demand, as the README of @komek/pdf shows: the library, its messages and fonts fetched when used.
window.makePdf = async () => {
  const [{ createPaperForm, readPaperForm, setFontLoader }, { setMessageLoader }] = await Promise.all([
    import('@komek/pdf'),
    import('@komek/i18n'),
  ]);
  setMessageLoader(async (lang, ns) => {
    const response = await fetch(\`/komek-pdf/locales/\${lang}/\${ns}.json\`);
    return response.ok ? response.json() : undefined;
  });
  const font = async (name) => new Uint8Array(await (await fetch(\`/komek-pdf/fonts/\${name}\`)).arrayBuffer());
  setFontLoader(async () => ({ regular: await font('DejaVuSans.ttf'), bold: await font('DejaVuSans-Bold.ttf') }));
  const pdf = await createPaperForm('${form}', { languages: ['kk', 'ru'] });
  return (await readPaperForm(pdf)).formId;
};
`,
      );
      run(process.execPath, [join(project, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], app);
      ({ server, url } = await serveFiles(join(app, 'dist')));
    }, 120_000);
    afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    it('draws the form, its model, validator and messages fetched from the folder setFilesBase names', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
        page.on('pageerror', (e) => problems.push(e.message));
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(url);
        const text = await drawnFormText(page);
        expect(text).toMatch(/[А-Яа-яЁё]{4,}/);
        expect(problems).toEqual([]);
        expect(requests).toContain(`${url}komek/forms/${form}.model.js`);
        expect(requests.some((r) => r.startsWith(`${url}komek/locales/ru/`))).toBe(true);
      } finally {
        await browser.close();
      }
    });

    it('makes a paper form with @komek/pdf, its messages and fonts fetched from where the page put them', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(url);
        const made = await page.evaluate<string>('window.makePdf().catch((e) => `${e.name}: ${e.message}`)');
        expect(made).toBe(form);
        expect(problems).toEqual([]);
        expect(requests).toContain(`${url}komek-pdf/fonts/DejaVuSans.ttf`);
        expect(requests.some((r) => r.startsWith(`${url}komek-pdf/locales/kk/`))).toBe(true);
      } finally {
        await browser.close();
      }
    });
  });
});
