import type { Translator } from '@komek/core';
import { createTranslator, loadMessages, type Language } from '@komek/i18n';

/**
 * Every text of the demo's own pages, in English. Each is looked up first as `ui:<key>` of @komek/i18n in the
 * interface language, so a translation there replaces the English here; `{{name}}` placeholders are filled.
 */
export const english = {
  'demo.nav.label': 'Komek demo',
  'demo.nav.gallery': 'Gallery',
  'demo.nav.embed': 'Embedding',
  'demo.nav.react': 'React host',
  'demo.nav.printDesk': 'Print desk',
  'demo.uiLanguage': 'Interface language',
  'demo.unreviewed': 'This translation has not yet been reviewed by a native speaker.',

  'demo.gallery.title': 'Form gallery',
  'demo.gallery.intro':
    'Every form of the guidelines, as an organisation would embed it. Pick a form and one or two languages, fill it in, watch the typed data, validate it and print it.',
  'demo.gallery.country': 'Country',
  'demo.gallery.step': 'SOP step',
  'demo.gallery.allSteps': 'All steps',
  'demo.gallery.showData': 'Data and paper form',
  'demo.sop': 'SOP {{number}}',
  'demo.step': 'Step {{number}}',
  'demo.steps': 'Steps {{number}}',
  'demo.gallery.form': 'Form',
  'demo.gallery.language': 'Language',
  'demo.gallery.secondLanguage': 'Second language',
  'demo.gallery.none': 'None',
  'demo.gallery.data': 'Data',
  'demo.gallery.dataHint':
    'The form’s data, typed as {{type}} in @komek/forms. Hidden questions are left out on submit.',
  'demo.gallery.validate': 'Validate',
  'demo.gallery.clear': 'Clear the form',
  'demo.gallery.valid': 'The data is valid.',
  'demo.gallery.invalid': '{{count}} problem(s) to fix:',
  'demo.gallery.pdf': 'Paper form',
  'demo.gallery.pdfHint':
    'A PDF in the chosen languages. Blank is fillable by hand or on screen; final needs valid data.',
  'demo.gallery.blank': 'Download blank PDF',
  'demo.gallery.filled': 'Download filled PDF',
  'demo.gallery.final': 'Download final PDF',
  'demo.gallery.making': 'Making the PDF…',
  'demo.gallery.made': 'Downloaded {{file}} ({{size}} KiB).',
  'demo.gallery.finalNeedsValid': 'A final PDF needs valid data: fix the problems listed above first.',
  'demo.gallery.loading': 'Loading…',
  'demo.gallery.personalData': 'Nothing you type leaves this browser: no server receives it and nothing is logged.',

  'demo.embed.title': 'Embedding a form in any page',
  'demo.embed.intro':
    'This is a plain HTML page with no framework and no build step of its own. It loads Komek with one script tag, places one element, and listens for the submit event.',
  'demo.embed.snippet': 'The snippet to copy',
  'demo.embed.copy': 'Copy',
  'demo.embed.copied': 'Copied.',
  'demo.embed.live': 'The same snippet, running',

  'demo.react.title': 'The element in a React app',
  'demo.react.intro':
    'React 19 passes properties to custom elements: the form’s data goes in as the data property, and the events are listened to through a ref.',
  'demo.react.state': 'React state',
  'demo.react.submitted': 'Submitted',
  'demo.react.reset': 'Reset from React',

  'demo.desk.title': 'Print desk',
  'demo.desk.intro': 'Bilingual paper forms for offices that work on paper.',
  'demo.desk.privacy':
    'Personal data stays in this browser: files are read and PDFs are made on this computer, nothing is uploaded or logged. Close the tab when done on a shared computer.',
  'demo.desk.languages': 'Languages on paper',
  'demo.desk.blankTitle': 'Blank forms',
  'demo.desk.blankIntro': 'Choose forms; each prints blank and fillable, with labels in both languages.',
  'demo.desk.selectAll': 'All of {{country}}',
  'demo.desk.format': 'Download as',
  'demo.desk.merged': 'one PDF',
  'demo.desk.zip': 'a zip of PDFs',
  'demo.desk.makePack': 'Download the pack',
  'demo.desk.noneChosen': 'Choose at least one form.',
  'demo.desk.batchTitle': 'Final PDFs from an export',
  'demo.desk.batchIntro':
    'Upload a JSON Lines export: one record a line, {"form": "form id", "data": {…}}. Every valid record becomes a final PDF; a record with errors is reported and the others go on.',
  'demo.desk.file': 'Export file (.jsonl)',
  'demo.desk.makeFinals': 'Make the PDFs',
  'demo.desk.progress': '{{done}} of {{total}}',
  'demo.desk.summary': '{{pdfs}} PDF(s) made, {{errors}} record(s) with errors.',
  'demo.desk.download': 'Download the zip again',
  'demo.desk.errors': 'Records not printed',
  'demo.desk.line': 'Line',
  'demo.desk.formColumn': 'Form',
  'demo.desk.field': 'Field',
  'demo.desk.message': 'Problem',
  'demo.desk.badJson': 'The line is not valid JSON: {{reason}}',
  'demo.desk.badRecord': 'Expected {"form": "form id", "data": {…}}.',
  'demo.desk.unknownForm': 'No form has the id "{{form}}".',
  'demo.desk.pdfFailed': 'The PDF could not be made: {{reason}}',
  'demo.desk.noFile': 'Choose a file first.',
  'demo.desk.empty': 'The file has no records.',
  'demo.desk.workerStopped': 'The PDFs could not be made in this browser. Reload the page and try again.',
} as const;

/** A text of the demo. */
export type UiKey = keyof typeof english;

/**
 * Demo texts that @komek/i18n already has under another key in its `ui` namespace (the strings `<komek-form>`
 * itself uses): those translations are used as they are.
 */
const shared: Partial<Record<UiKey, string>> = {
  'demo.unreviewed': 'translationDraft',
  'demo.gallery.language': 'language',
  'demo.gallery.secondLanguage': 'secondLanguage',
  'demo.gallery.none': 'noLanguage',
  'demo.gallery.loading': 'loading',
  'demo.gallery.blank': 'downloadBlankPdf',
};

/** A text of the demo through a translator: its `ui:` translation, else the English above; `{{name}}` filled. */
export function uiText(translator: Translator, key: UiKey, params?: Record<string, unknown>): string {
  const alias = shared[key];
  return translator(`ui:${alias ?? key}`, english[key], params) ?? english[key];
}

/**
 * The demo's texts in a language, for code that runs without a page (the print desk's worker): loads the `ui`
 * messages, and falls back to English when they cannot be loaded.
 */
export async function uiTexts(lang: Language): Promise<(key: UiKey, params?: Record<string, unknown>) => string> {
  try {
    await loadMessages(lang, []);
  } catch {
    // No `ui` messages in this build: the English texts stand.
  }
  const translator = createTranslator(lang);
  return (key, params) => uiText(translator, key, params);
}
