import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** `cem analyze` settings: the manifest describes the elements from their JSDoc (@fires, @csspart, @cssprop). */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  /**
   * The modules in path order: the analyzer reads files in the order the file system lists them, which differs from
   * one machine (and one build) to the next, and the manifest's modules follow it. Sorted, two builds write the
   * same file.
   */
  overrideModuleCreation({ ts, globs }) {
    return [...globs]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((file) => ts.createSourceFile(file, readFileSync(resolve(file), 'utf8'), ts.ScriptTarget.ES2015, true));
  },
  plugins: [
    {
      // Events are documented with @fires; a `dispatchEvent(new SomeEvent())` the analyzer cannot name adds nothing.
      name: 'komek-named-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const d of mod.declarations ?? []) if (d.events) d.events = d.events.filter((e) => e.name);
        }
      },
    },
  ],
};
