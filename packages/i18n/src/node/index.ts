/** Node-only parts of @komek/i18n: locale files on disk, checks, translation exchange (CSV / XLIFF). */
export {
  LOCALES_DIR,
  localePath,
  namespacesOf,
  readLocaleFile,
  serializeLocaleFile,
  expectedMessages,
} from './localeStore.js';
export type { ExpectedMessage } from './localeStore.js';
export { checkLocales, formatCoverage, formatProblems, REQUIRED_NAMESPACES, PDF_FONT_FILES } from './checks.js';
export type { CheckName, CheckReport, CoverageCell, Problem } from './checks.js';
export {
  placeholdersOf,
  placeholderMismatch,
  markupIn,
  controlCharacterIn,
  FORMULA_START,
  looksUntranslated,
  uzbekScriptProblem,
  LATIN_ALLOWED,
} from './textChecks.js';
export { loadPdfFonts, missingGlyphs } from './fontCoverage.js';
export {
  exportRows,
  exportLanguage,
  toCsv,
  toXliff,
  importLanguage,
  decodeText,
  parseCsvRows,
  parseXliffRows,
  englishNamespaces,
  ImportRefusedError,
  CSV_COLUMNS,
  neutraliseFormula,
  writeAllOrNothing,
} from './exchange.js';
export type { ExchangeRow, ExchangeFormat, ImportProblem, ImportResult, ImportedRow } from './exchange.js';
export { readCsv, writeCsv, CsvError } from './csv.js';
export { parseXml, escapeXml, XmlError } from './xml.js';
export {
  TERMBASE_PATH,
  readTermBase,
  termChecker,
  termHints,
  termBaseProblems,
  matchesPattern,
  patternProblem,
  wordsOf,
  normalizeForTerms,
} from './termbase.js';
export type {
  TermBase,
  Term,
  TermSource,
  TermEnglish,
  TermLanguage,
  ForbiddenVariant,
  TermChecker,
  TermViolation,
} from './termbase.js';
export { toTbx } from './tbx.js';
export { ordinalProblem, ORDINAL_PLACEHOLDERS } from './ordinals.js';
