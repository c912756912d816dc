import type { PdfExporter, PdfRequest } from './komek-form.js';

/** Makes the PDF of a form with the host's exporter and hands it to the person as a download (`<form id>.pdf`). */
export async function downloadPdf(exporter: PdfExporter, request: PdfRequest): Promise<void> {
  const pdf = await exporter(request);
  const url = URL.createObjectURL(pdf instanceof Blob ? pdf : new Blob([pdf as BlobPart], { type: 'application/pdf' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: `${request.formId}.pdf` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
