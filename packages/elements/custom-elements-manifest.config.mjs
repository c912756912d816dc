/** `cem analyze` settings: the manifest describes the elements from their JSDoc (@fires, @csspart, @cssprop). */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
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
