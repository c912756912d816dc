import { catalog, type FormId } from '@komek/forms';
import { isLanguage, loadMessages, type Language } from '@komek/i18n';
import { DeskWorkerError, runDeskJob } from '../desk/client.js';
import type { RecordError } from '../desk/protocol.js';
import { setUpPage } from '../shared/chrome.js';
import { download, kib } from '../shared/download.js';
import { countries, formLabel, stepLabel } from '../shared/forms.js';
import { fillLanguageSelect, onUiLanguage, stepWords, t, tShared, uiLanguage } from '../shared/ui.js';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const langSelect = $<HTMLSelectElement>('#lang');
const lang2Select = $<HTMLSelectElement>('#lang2');
const choices = $<HTMLElement>('#form-choices');
const packProgress = $<HTMLProgressElement>('#pack-progress');
const packStatus = $<HTMLElement>('#pack-status');
const batchProgress = $<HTMLProgressElement>('#batch-progress');
const batchStatus = $<HTMLElement>('#batch-status');
const batchErrors = $<HTMLElement>('#batch-errors');
const fileInput = $<HTMLInputElement>('#export-file');
const again = $<HTMLButtonElement>('#download-again');

/** The languages printed on each form: primary, and the second one when chosen. */
function paperLanguages(): Language[] {
  const primary = isLanguage(langSelect.value) ? langSelect.value : uiLanguage();
  const secondary = lang2Select.value;
  return isLanguage(secondary) && secondary !== primary ? [primary, secondary] : [primary];
}

/** What to say when a job failed: the worker's own failure in words, else the technical reason. */
const failure = (e: unknown): string =>
  e instanceof DeskWorkerError ? t('demo.desk.workerStopped') : e instanceof Error ? e.message : String(e);

// ——— blank packs ———

const chosenForms = (): FormId[] =>
  [...choices.querySelectorAll<HTMLInputElement>('input[name=form]:checked')].map((i) => i.value as FormId);

/** One fieldset per country: a box per form and one that ticks all of the country. */
async function drawChoices(): Promise<void> {
  const ui = uiLanguage();
  const before = new Set(chosenForms());
  await Promise.all(catalog.map((e) => loadMessages(ui, [e.id]).catch(() => undefined)));
  choices.replaceChildren(
    ...countries.map((country) => {
      const set = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = tShared(`country.${country}`, country);
      const all = document.createElement('label');
      const allBox = Object.assign(document.createElement('input'), { type: 'checkbox' });
      all.append(allBox, t('demo.desk.selectAll', { country: tShared(`country.${country}`, country) }));
      const list = document.createElement('div');
      list.className = 'form-list';
      const boxes = catalog
        .filter((e) => e.country === country)
        .map((e) => {
          const label = document.createElement('label');
          const box = Object.assign(document.createElement('input'), {
            type: 'checkbox',
            name: 'form',
            value: e.id,
            checked: before.has(e.id),
          });
          label.append(box, `${stepLabel(e.sop, stepWords())} · ${formLabel(e, ui)}`);
          label.title = e.id;
          list.append(label);
          return box;
        });
      const sync = () => {
        const n = boxes.filter((b) => b.checked).length;
        allBox.checked = n === boxes.length;
        allBox.indeterminate = n > 0 && n < boxes.length;
      };
      allBox.addEventListener('change', () => {
        for (const b of boxes) b.checked = allBox.checked;
        sync();
      });
      for (const b of boxes) b.addEventListener('change', sync);
      sync();
      set.append(legend, all, list);
      return set;
    }),
  );
}

async function makePack(): Promise<void> {
  const ids = chosenForms();
  const languages = paperLanguages();
  packStatus.className = 'status';
  if (ids.length === 0) {
    packStatus.textContent = t('demo.desk.noneChosen');
    return;
  }
  const merged = $<HTMLInputElement>('input[name=pack-format][value=merged]').checked;
  packProgress.hidden = false;
  packProgress.max = ids.length;
  packProgress.value = 0;
  try {
    // The worker makes each blank form and merges them (or zips them): the page only shows the progress.
    const { bytes } = await runDeskJob(
      { kind: 'pack', forms: ids, languages, format: merged ? 'merged' : 'zip' },
      {
        progress: (done, total) => {
          packProgress.value = done;
          packStatus.textContent = t('demo.desk.progress', { done, total });
        },
      },
    );
    const name = `komek-blank-${languages.join('-')}`;
    download(bytes, merged ? `${name}.pdf` : `${name}.zip`, merged ? 'application/pdf' : 'application/zip');
    packStatus.className = 'status ok';
    packStatus.textContent = t('demo.gallery.made', {
      file: merged ? `${name}.pdf` : `${name}.zip`,
      size: kib(bytes.byteLength),
    });
  } catch (e) {
    packStatus.className = 'status bad';
    packStatus.textContent = failure(e);
  }
}

// ——— final PDFs from an export ———

let lastZip: { bytes: Uint8Array; name: string } | undefined;

const errorsBody = batchErrors.querySelector('tbody')!;

function clearErrors(): void {
  errorsBody.replaceChildren();
  batchErrors.hidden = true;
}

/** Adds the records not printed as the worker finds them, keeping the table in line order. */
function addErrors(errors: readonly RecordError[]): void {
  for (const e of errors) {
    const row = document.createElement('tr');
    row.dataset.line = String(e.line);
    const field = e.field && e.pointer ? `${e.field} (${e.pointer})` : e.field || e.pointer;
    for (const text of [String(e.line), e.form, field, e.message]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    // Records come in line order after the lines that are not records at all: look back from the end.
    let before: Element | null = null;
    for (
      let r = errorsBody.lastElementChild;
      r && Number((r as HTMLElement).dataset.line) > e.line;
      r = r.previousElementSibling
    )
      before = r;
    errorsBody.insertBefore(row, before);
  }
  batchErrors.hidden = errorsBody.childElementCount === 0;
}

async function makeFinals(button: HTMLButtonElement): Promise<void> {
  const file = fileInput.files?.[0];
  batchStatus.className = 'status';
  again.hidden = true;
  clearErrors();
  if (!file) {
    batchStatus.textContent = t('demo.desk.noFile');
    return;
  }
  button.disabled = true;
  batchProgress.hidden = false;
  batchProgress.value = 0;
  try {
    const languages = paperLanguages();
    const failedLines = new Set<number>();
    // The worker reads the file, validates each record and makes its PDF; the page shows progress and problems.
    const result = await runDeskJob(
      { kind: 'finals', file, languages, messagesIn: uiLanguage() },
      {
        progress: (done, total) => {
          batchProgress.max = Math.max(total, 1);
          batchProgress.value = done;
          batchStatus.textContent = t('demo.desk.progress', { done, total });
        },
        recordErrors: (errors) => {
          for (const e of errors) failedLines.add(e.line);
          addErrors(errors);
        },
      },
    );
    if (result.total === 0) {
      batchStatus.textContent = t('demo.desk.empty');
      return;
    }
    lastZip = { bytes: result.bytes, name: `${file.name.replace(/\.[^.]*$/, '')}-final-${languages.join('-')}.zip` };
    batchStatus.className = failedLines.size > 0 ? 'status bad' : 'status ok';
    batchStatus.textContent = t('demo.desk.summary', { pdfs: result.pdfs, errors: failedLines.size });
    download(lastZip.bytes, lastZip.name, 'application/zip');
    again.hidden = false;
  } catch (e) {
    batchStatus.className = 'status bad';
    batchStatus.textContent = failure(e);
  } finally {
    button.disabled = false;
  }
}

async function start(): Promise<void> {
  const ui = await setUpPage();
  fillLanguageSelect(langSelect, ui);
  fillLanguageSelect(lang2Select, ui === 'ru' ? '' : 'ru', 'demo.gallery.none');
  await drawChoices();
  onUiLanguage(() => {
    const [primary, secondary] = paperLanguages();
    fillLanguageSelect(langSelect, primary!);
    fillLanguageSelect(lang2Select, secondary ?? '', 'demo.gallery.none');
    void drawChoices();
  });
  const packButton = $<HTMLButtonElement>('#make-pack');
  packButton.addEventListener('click', () => {
    packButton.disabled = true;
    void makePack().finally(() => (packButton.disabled = false));
  });
  const finalsButton = $<HTMLButtonElement>('#make-finals');
  finalsButton.addEventListener('click', () => void makeFinals(finalsButton));
  again.addEventListener('click', () => lastZip && download(lastZip.bytes, lastZip.name, 'application/zip'));
}

void start();
