// Prettier: the formatting the code is written in (see .editorconfig). `pnpm format` writes it, `pnpm lint` checks it.
/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
  bracketSpacing: true,
  semi: true,
  overrides: [{ files: '*.md', options: { proseWrap: 'preserve' } }],
};
