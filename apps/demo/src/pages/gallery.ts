import '@komek/elements';
import type { KomekForm, LocalizedIssue } from '@komek/elements';
import { catalog, type FormId } from '@komek/forms';
import { isLanguage, loadMessages, type Language } from '@komek/i18n';
import { setUpPage } from '../shared/chrome.js';
import { download, kib } from '../shared/download.js';
import { createFormElement, setLanguages } from '../shared/element.js';
import { countries, entryOf, formLabel, stepLabel, stepOf, stepsOf } from '../shared/forms.js';
import { paperFileName, paperForm, type PaperMode } from '../shared/paper.js';
import { fillLanguageSelect, onUiLanguage, stepWords, t, tShared, uiLanguage } from '../shared/ui.js';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const countrySelect = $<HTMLSelectElement>('#country');
const stepSelect = $<HTMLSelectElement>('#step');
const formSelect = $<HTMLSelectElement>('#form');
const langSelect = $<HTMLSelectElement>('#lang');
const lang2Select = $<HTMLSelectElement>('#lang2');
const host = $<HTMLElement>('#form-host');
const json = $<HTMLPreElement>('#json');
const typeHint = $<HTMLElement>('#type-hint');
const typeImport = $<HTMLElement>('#type-import');
const validation = $<HTMLElement>('#validation');
const pdfStatus = $<HTMLElement>('#pdf-status');

/** What the page shows; mirrored in the URL (`?form=…&lang=…&lang2=…`) so a view can be linked. */
interface View {
  form: FormId;
  lang: Language;
  lang2: Language | '';
  step: string;
}

let view: View;
let element: KomekForm | undefined;

function readUrl(fallbackLang: Language): View {
  const q = new URLSearchParams(location.search);
  const entry = entryOf(q.get('form')) ?? catalog[0]!;
  const lang = q.get('lang');
  const lang2 = q.get('lang2');
  return {
    form: entry.id,
    lang: lang && isLanguage(lang) ? lang : fallbackLang,
    lang2: lang2 && isLanguage(lang2) ? lang2 : '',
    step: q.get('step') ?? '',
  };
}

function writeUrl(): void {
  const q = new URLSearchParams(location.search);
  q.set('form', view.form);
  q.set('lang', view.lang);
  if (view.lang2) q.set('lang2', view.lang2);
  else q.delete('lang2');
  if (view.step) q.set('step', view.step);
  else q.delete('step');
  history.replaceState(null, '', `?${q}`);
}

/** The pickers for the current view, labels in the interface language. */
async function fillPickers(): Promise<void> {
  const entry = entryOf(view.form)!;
  const ui = uiLanguage();
  countrySelect.replaceChildren(
    ...countries.map((c) => new Option(tShared(`country.${c}`, c), c, false, c === entry.country)),
  );
  const steps = stepsOf(entry.country);
  const words = stepWords();
  stepSelect.replaceChildren(
    new Option(t('demo.gallery.allSteps'), '', false, view.step === ''),
    ...steps.map((s) => new Option(stepLabel(s, words), s, false, s === view.step)),
  );
  const forms = catalog.filter((e) => e.country === entry.country && (view.step === '' || stepOf(e) === view.step));
  // Titles in the interface language need each listed form's messages.
  await Promise.all(forms.map((e) => loadMessages(ui, [e.id]).catch(() => undefined)));
  formSelect.replaceChildren(
    ...forms.map((e) => {
      const o = new Option(formLabel(e, ui), e.id, false, e.id === view.form);
      o.title = `${e.id} — ${stepLabel(stepOf(e), words)}`;
      return o;
    }),
  );
  fillLanguageSelect(langSelect, view.lang);
  fillLanguageSelect(lang2Select, view.lang2, 'demo.gallery.none');
  typeHint.textContent = t('demo.gallery.dataHint', { type: entry.typeName });
  typeImport.textContent =
    `import type { ${entry.typeName} } from '@komek/forms/types/${entry.id}';\n` +
    `import { validatorLoaders } from '@komek/forms';\n\n` +
    `const validate = await validatorLoaders['${entry.id}']();\n` +
    `if (validate(data)) { /* data: ${entry.typeName} */ }`;
}

/** The data as it would be submitted: typed per form in @komek/forms, hidden questions left out. */
function showData(): void {
  json.textContent = JSON.stringify(element?.value ?? {}, null, 2);
}

/** What the problem panel shows: nothing yet, valid, or the problems (re-worded when a language changes). */
let checked: 'no' | 'valid' | 'invalid' = 'no';

/** The problems `<komek-form>` found, as it words them in the form's language (undefined: not checked yet). */
function showProblems(issues: readonly LocalizedIssue[] | undefined): void {
  checked = issues === undefined ? 'no' : issues.length === 0 ? 'valid' : 'invalid';
  validation.className = 'status';
  validation.replaceChildren();
  if (issues === undefined) return;
  if (issues.length === 0) {
    validation.classList.add('ok');
    validation.textContent = t('demo.gallery.valid');
    return;
  }
  validation.classList.add('bad');
  const list = document.createElement('ul');
  list.className = 'issues';
  for (const issue of issues) {
    const item = document.createElement('li');
    const where = document.createElement('code');
    where.textContent = issue.pointer || '/';
    item.append(issue.text, ' ', where);
    list.append(item);
  }
  validation.append(t('demo.gallery.invalid', { count: issues.length }), list);
}

/** Resolves once `<komek-form>` is drawn in a language (after its messages have loaded), or after 10 s. */
async function languageShown(el: KomekForm, lang: Language): Promise<void> {
  const end = performance.now() + 10_000;
  while (el.shadowRoot?.querySelector('.form')?.getAttribute('lang') !== lang && performance.now() < end) {
    await new Promise((r) => requestAnimationFrame(r));
  }
  await el.updateComplete;
}

const languagesOnPaper = (): Language[] =>
  view.lang2 && view.lang2 !== view.lang ? [view.lang, view.lang2] : [view.lang];

/** Puts a fresh `<komek-form>` for the current form in the page. */
function mountForm(): void {
  const el = createFormElement({ form: view.form, lang: view.lang, secondaryLang: view.lang2, name: 'gallery' });
  el.id = 'gallery-form';
  el.addEventListener('input', showData);
  el.addEventListener('change', showData);
  el.addEventListener('komek-submit', () => {
    showData();
    showProblems([]);
  });
  el.addEventListener('komek-invalid', (event) => showProblems(event.issues));
  // The element's own "Download PDF" button: final when the data is valid, else a filled draft that says so.
  el.pdfExporter = (request) =>
    paperForm(view.form, languagesOnPaper(), request.valid ? 'final' : 'filled', request.data);
  element = el;
  host.replaceChildren(el);
  showData();
  showProblems(undefined);
  pdfStatus.textContent = '';
}

/** Validates as a submit does: the element shows each message by its field, the panel lists them. */
async function validate(): Promise<boolean> {
  return (await element?.submit()) ?? false;
}

async function makePdf(mode: PaperMode): Promise<void> {
  const languages = languagesOnPaper();
  if (mode === 'final' && !(await validate())) {
    pdfStatus.className = 'status bad';
    pdfStatus.textContent = t('demo.gallery.finalNeedsValid');
    return;
  }
  pdfStatus.className = 'status';
  pdfStatus.textContent = t('demo.gallery.making');
  try {
    const bytes = await paperForm(view.form, languages, mode, element?.value ?? {});
    const file = paperFileName(view.form, mode, languages);
    download(bytes, file, 'application/pdf');
    pdfStatus.className = 'status ok';
    pdfStatus.textContent = t('demo.gallery.made', { file, size: kib(bytes.byteLength) });
  } catch (e) {
    pdfStatus.className = 'status bad';
    pdfStatus.textContent = e instanceof Error ? e.message : String(e);
  }
}

async function selectForm(id: FormId): Promise<void> {
  view.form = id;
  writeUrl();
  mountForm();
  await fillPickers();
}

async function start(): Promise<void> {
  // On a phone the data panel starts folded: the form comes first.
  $<HTMLDetailsElement>('#data-panel').open = matchMedia('(min-width: 60rem)').matches;
  const ui = await setUpPage();
  view = readUrl(ui);
  writeUrl();
  await fillPickers();
  mountForm();

  onUiLanguage(() => {
    void fillPickers();
    // The panel's own words follow the interface language at once.
    if (checked !== 'no') showProblems(element?.validationIssues ?? []);
  });
  countrySelect.addEventListener('change', () => {
    view.step = '';
    void selectForm(catalog.find((e) => e.country === countrySelect.value)!.id);
  });
  stepSelect.addEventListener('change', () => {
    view.step = stepSelect.value;
    const first = catalog.find(
      (e) => e.country === countrySelect.value && (view.step === '' || stepOf(e) === view.step),
    );
    void selectForm(first!.id);
  });
  formSelect.addEventListener('change', () => void selectForm(formSelect.value as FormId));
  const onLanguages = () => {
    view.lang = isLanguage(langSelect.value) ? langSelect.value : view.lang;
    view.lang2 = isLanguage(lang2Select.value) ? lang2Select.value : '';
    writeUrl();
    // Same element, new labels: the answers stay.
    if (element) setLanguages(element, view.lang, view.lang2);
    // Re-word the listed problems once the element shows the new language (its messages load first).
    const shown = element;
    if (checked === 'invalid' && shown)
      void languageShown(shown, view.lang).then(() => element === shown && showProblems(shown.validationIssues));
  };
  langSelect.addEventListener('change', onLanguages);
  lang2Select.addEventListener('change', onLanguages);
  $('#validate').addEventListener('click', () => void validate());
  $('#clear').addEventListener('click', () => {
    if (element) element.data = {};
    showData();
    showProblems(undefined);
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-pdf]')) {
    button.addEventListener('click', () => {
      button.disabled = true;
      void makePdf(button.dataset.pdf as PaperMode).finally(() => (button.disabled = false));
    });
  }
}

void start();
