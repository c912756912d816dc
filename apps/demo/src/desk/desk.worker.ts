/**
 * The print desk's worker: makes the PDFs (blank packs, final PDFs of an export) off the page's thread, so the page
 * keeps answering while pdf-lib works. The fonts come from the build's assets (@komek/pdf's browser loader), the
 * messages from its chunks. Nothing is logged: the records are case data, and error messages may quote them.
 */
import { errorsCsv, printExport } from './batch.js';
import { blankPack, zip } from './pack.js';
import type { DeskReply, DeskRequest } from './protocol.js';

/** The part of a dedicated worker's global scope used here (the DOM typings describe a window). */
const scope = self as unknown as {
  postMessage(message: DeskReply, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DeskRequest>) => void): void;
  addEventListener(
    type: 'error' | 'unhandledrejection',
    listener: (event: Event & { message?: string; reason?: unknown }) => void,
  ): void;
};

const reply = (message: DeskReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

async function run(request: DeskRequest): Promise<void> {
  const { job } = request;
  const progress = (done: number, total: number) => reply({ job, kind: 'progress', done, total });
  try {
    if (request.kind === 'pack') {
      const bytes = await blankPack(request.forms, request.languages, request.format, progress);
      reply({ job, kind: 'done', bytes, pdfs: request.forms.length, total: request.forms.length }, [bytes.buffer]);
      return;
    }
    const result = await printExport(await request.file.text(), request.languages, request.messagesIn, {
      progress,
      errors: (errors) => reply({ job, kind: 'recordErrors', errors }),
    });
    const files = { ...result.files };
    if (result.errors.length > 0) files['errors.csv'] = new TextEncoder().encode(errorsCsv(result.errors));
    const bytes = result.total === 0 ? new Uint8Array(0) : zip(files);
    reply({ job, kind: 'done', bytes, pdfs: Object.keys(result.files).length, total: result.total }, [bytes.buffer]);
  } catch (e) {
    reply({ job, kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}

scope.addEventListener('message', (event) => void run(event.data));

// Anything that escapes a job is answered, not printed to the console (where a record's content could show).
const escaped = (event: Event & { message?: string; reason?: unknown }) => {
  event.preventDefault();
  const reason = event.reason instanceof Error ? event.reason.message : (event.message ?? String(event.reason));
  reply({ job: 0, kind: 'failed', message: reason });
};
scope.addEventListener('error', escaped);
scope.addEventListener('unhandledrejection', escaped);
