import type { LocalizedIssue } from '../events.js';
import type { FormParts } from './setup.js';

/** What `pdfExporter` is given: the submitted-shape data and the languages on screen. */
export interface PdfRequest {
  formId: string;
  /** Data with hidden branches pruned. */
  data: unknown;
  /** Whether the data passed validation; a PDF of invalid data must say so. */
  valid: boolean;
  issues: LocalizedIssue[];
  lang: string;
  secondaryLang?: string;
}

/** Makes a PDF of the form; the host provides it (e.g. with a dynamic `import('@komek/pdf')`). */
export type PdfExporter = (request: PdfRequest) => Promise<Blob | Uint8Array | ArrayBuffer>;

/**
 * The "Download PDF" button's work: a chunk of its own, fetched on the first click.
 */

/**
 * Makes the PDF of a form with the host's exporter, given the answers as submitted and the languages on screen, and
 * hands it to the person as a download (`<form id>.pdf`).
 */
export async function makePdf<T>(p: FormParts<T>): Promise<void> {
  const exporter = p.host.pdfExporter;
  const model = p.loader.model;
  if (!exporter || !model) return;
  p.validation.run();
  const { primary, secondary } = p.l10n.language();
  const request: PdfRequest = {
    formId: model.meta.id,
    data: p.answers.value,
    valid: p.validation.issues.length === 0,
    issues: p.validation.worded(),
    lang: primary,
    ...(secondary ? { secondaryLang: secondary } : {}),
  };
  const pdf = await exporter(request);
  const url = URL.createObjectURL(pdf instanceof Blob ? pdf : new Blob([pdf as BlobPart], { type: 'application/pdf' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: `${request.formId}.pdf` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
