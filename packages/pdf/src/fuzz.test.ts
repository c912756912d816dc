/**
 * Property-based tests (fast-check): random answers for every form survive the paper round trip, hostile bytes and
 * mutated PDFs only ever give the named errors, and arbitrary strings (every plane, lone surrogates, controls) are
 * either printed and read back exactly or refused with a named problem. Seeds are fixed by fast-check per run and
 * printed on failure; the run counts keep the whole file well under a minute.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFormSession, findNode, type FormModel } from '@komek/core';
import { formIds, validatorLoaders } from '@komek/forms';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fieldCharacters, NotAPaperFormError, PaperForm, readPaperForm } from './index.js';

const root = new URL('../../../', import.meta.url).pathname;
const fixture = (id: string) =>
  JSON.parse(readFileSync(join(root, 'test/fixtures/forms', id, 'valid-1.json'), 'utf8')) as Record<string, unknown>;

const papers = new Map<string, Promise<PaperForm>>();
function paper(id: string): Promise<PaperForm> {
  let p = papers.get(id);
  if (!p) papers.set(id, (p = PaperForm.create(id, { languages: ['en', 'ru'] })));
  return p;
}

/** The pointers of a data object's free-text answers: strings without pattern, format or fixed values. */
function freeTextPointers(
  model: FormModel,
  data: unknown,
): { pointer: string; min: number; max: number; multiline: boolean }[] {
  const out: { pointer: string; min: number; max: number; multiline: boolean }[] = [];
  const walk = (v: unknown, pointer: string) => {
    if (typeof v === 'string') {
      const node = findNode(model, pointer);
      const s = node?.schema as
        | {
            type?: unknown;
            pattern?: unknown;
            format?: unknown;
            enum?: unknown;
            const?: unknown;
            minLength?: number;
            maxLength?: number;
          }
        | undefined;
      if (
        !node ||
        node.kind !== 'field' ||
        (node.widget !== 'text' && node.widget !== 'textarea') ||
        !s ||
        s.type !== 'string'
      )
        return;
      if (s.pattern !== undefined || s.format !== undefined || s.enum !== undefined || s.const !== undefined) return;
      out.push({
        pointer,
        min: Math.max(1, s.minLength ?? 1),
        max: Math.min(s.maxLength ?? 300, 300),
        multiline: node.widget === 'textarea',
      });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(data, '');
  return out;
}

function setAt(data: Record<string, unknown>, pointer: string, value: unknown): void {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let at = data;
  for (const p of parts.slice(0, -1)) at = at[p] as Record<string, unknown>;
  at[parts.at(-1)!] = value;
}

const printable = [...fieldCharacters];
const printableText = (min: number, max: number, multiline: boolean) =>
  fc
    .string({ unit: fc.constantFrom(...printable, ...(multiline ? ['\n'] : [])), minLength: min, maxLength: max })
    .filter((s) => s.trim() !== '');

describe('random valid answers, every form', () => {
  it('fill → PDF → read back gives the pruned input', async () => {
    for (const id of formIds) {
      const form = await paper(id);
      const base = fixture(id);
      const slots = freeTextPointers(form.model, base);
      if (slots.length === 0) continue;
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...slots.map((s) => fc.option(printableText(s.min, s.max, s.multiline), { nil: undefined }))),
          async (values) => {
            const data = structuredClone(base);
            slots.forEach((s, i) => values[i] !== undefined && setAt(data, s.pointer, values[i]));
            const session = createFormSession({ model: form.model, validate: await validatorLoaders[id](), data });
            fc.pre(session.valid);
            const bytes = await form.fill(data).save();
            const back = await readPaperForm(bytes);
            expect(back.data, id).toEqual(session.value);
            expect(back.valid).toBe(true);
          },
        ),
        { numRuns: 2 },
      );
    }
  });
});

describe('hostile bytes into readPaperForm', () => {
  // pdf-lib reports each damaged object it skips on the console; hundreds of them would bury the test output.
  beforeAll(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());
  const named = (e: unknown) => e instanceof NotAPaperFormError;

  it('random bytes only ever give NotAPaperFormError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          fc.uint8Array({ maxLength: 400 }).map((b) => new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...b])),
        ),
        async (bytes) => {
          await readPaperForm(bytes).then(
            () => undefined,
            (e) => expect(named(e), String(e)).toBe(true),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('mutated paper forms read back or give NotAPaperFormError, nothing else', async () => {
    const form = await paper('tj-f2-identification-refusal');
    const pdf = Buffer.from(await form.fill(fixture('tj-f2-identification-refusal')).save());
    const text = pdf.toString('latin1');
    const splices = [
      '/Kids [ 1 0 R ]',
      '/Parent 1 0 R',
      '/V 1 0 R',
      '/FT /Btn',
      '/Ff 33554432',
      '/RV (<b>x</b>)',
      '/Length 99999999',
      'endobj',
      'komek pack=99999999',
      '/T (/fullName)',
      '<<',
      '>>',
      '[',
      ']',
    ];
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat({ max: pdf.length - 1 }),
        bits: fc.integer({ min: 1, max: 255 }),
      }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: pdf.length - 1 }) }),
      fc.record({
        kind: fc.constant('splice' as const),
        at: fc.nat({ max: pdf.length - 1 }),
        text: fc.constantFrom(...splices),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        let bytes = Buffer.from(pdf);
        for (const m of mutations) {
          const at = Math.min(m.at, bytes.length - 1);
          if (m.kind === 'flip') bytes[at] = bytes[at]! ^ m.bits;
          else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
          else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(` ${m.text} `, 'latin1'), bytes.subarray(at)]);
        }
        await readPaperForm(bytes).then(
          () => undefined,
          (e) => expect(named(e), String((e as Error)?.stack ?? e)).toBe(true),
        );
      }),
      { numRuns: 150 },
    );
    expect(text.startsWith('%PDF-')).toBe(true);
  });

  it('forged keywords give NotAPaperFormError, never a RangeError or a huge allocation', async () => {
    const form = await paper('tj-f2-identification-refusal');
    const base = await PDFDocument.load(await form.fill(fixture('tj-f2-identification-refusal')).save());
    const word = fc.oneof(
      fc.constantFrom(
        'komek',
        'pack=4294967295',
        'pack=99999999',
        'pack=1e9',
        'pack=-1',
        'pack=2',
        'form=',
        'form1=kz-f1-initial-application',
        'form=../../x',
        'mode=final',
        'languages=,,,',
      ),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (words) => {
        base.setKeywords(words);
        const bytes = await base.save();
        await readPaperForm(bytes).then(
          () => undefined,
          (e) => expect(named(e), String(e)).toBe(true),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('arbitrary strings through validation and paper', () => {
  it('are printed and read back exactly, or refused with a named problem — never a crash', async () => {
    const id = 'kz-f1-initial-application';
    const form = await paper(id);
    const validate = (await validatorLoaders[id]()) as never;
    const unit = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...printable) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)) },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, minLength: 1, maxLength: 40 }), async (name) => {
        const data = { ...fixture(id), fullName: name };
        const session = createFormSession({ model: form.model, validate, data });
        const issues = form.validate(data);
        expect(issues.every((i) => i.message.length > 0)).toBe(true);
        if (issues.length === 0) {
          expect(session.valid).toBe(true);
          const back = await readPaperForm(await form.fill(data).save());
          expect(back.data.fullName).toBe(name);
        } else {
          expect(issues.map((i) => i.pointer)).toContain('/fullName');
          expect(
            issues.every((i) => ['text', 'unprintable', 'maxLength', 'minLength', 'pattern'].includes(i.keyword)),
            JSON.stringify(issues),
          ).toBe(true);
          const bytes = await form.fill(data, { allowInvalid: true }).save();
          expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
          // Printed anyway, it still reads back (its problems listed again by the reader).
          expect((await readPaperForm(bytes)).formId).toBe(id);
        }
      }),
      { numRuns: 60 },
    );
  });
});
