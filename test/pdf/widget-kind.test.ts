import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { buildFormModel, defaultWidgets, type SchemaBundle } from '@komek/core';
import { addMessages } from '@komek/i18n';
import { columnWidths, fieldNameOf, layoutOf, paperWidgetFor, PaperForm, registerPaperWidget } from '@komek/pdf';
import { scaleKind } from '../fixtures/widget-kind/scale.kind.js';
import { scalePaperWidget } from '../fixtures/widget-kind/scale.paper.js';
import { satisfactionForm } from '../fixtures/widget-kind/satisfaction.js';

// A new widget kind: one line per registry.
defaultWidgets.push(scaleKind);
registerPaperWidget(scalePaperWidget);

describe('a widget kind added by one file per renderer', () => {
  it('is printed by its paper widget as five choices, and read back as the integer', async () => {
    const model = buildFormModel(satisfactionForm);
    expect(paperWidgetFor(model.byPointer.get('/rating')!).name).toBe('scale');
    // A form outside the catalog brings its own messages (English: its schema's titles are the fallback).
    addMessages('en', 'satisfaction', { $meta: { language: 'en', namespace: 'satisfaction' } });
    const paper = await PaperForm.create(satisfactionForm, { languages: ['en'] });
    const bytes = await paper.fill({ rating: 4 }).save();
    const doc = await PDFDocument.load(bytes);
    const group = doc.getForm().getRadioGroup(fieldNameOf('/rating'));
    expect(group.getOptions()).toEqual(['1', '2', '3', '4', '5']);
    expect(group.getSelected()).toBe('4');
    const fields = {
      radio: () => group.getSelected(),
      box: () => undefined,
      text: () => undefined,
      fullText: () => undefined,
    };
    expect(scalePaperWidget.read(fields, model.byPointer.get('/rating')!, '/rating')).toBe(4);
  });

  it('takes the width its paper widget declares in a table, and draws its choices in each row', async () => {
    // The same form with a list of ratings, one row per visit: a repeat of plain fields prints as a table.
    const root = satisfactionForm.schemas[satisfactionForm.root]!;
    const visits: SchemaBundle = {
      root: satisfactionForm.root,
      schemas: {
        [satisfactionForm.root]: {
          ...root,
          properties: {
            visits: {
              title: 'Visits',
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  on: { title: 'Date of the visit', type: 'string', format: 'date' },
                  rating: { ...root.properties!.rating! },
                  note: { title: 'Note', type: 'string', maxLength: 200 },
                },
              },
            },
          },
          required: [],
        },
      },
    };
    const model = buildFormModel(visits);
    const visit = model.byPointer.get('/visits')!;
    const columns = visit.kind === 'repeat' && visit.item.kind === 'group' ? visit.item.children : [];
    expect(columns.map((c) => paperWidgetFor(c).name)).toEqual(['date', 'scale', 'text']);
    expect(layoutOf(columns[1]!).column).toEqual({ points: 120 });
    // The date and the scale keep their points; the note takes the rest.
    expect(columnWidths(columns, 500)).toEqual([80, 120, 300]);

    addMessages('en', 'satisfaction', { $meta: { language: 'en', namespace: 'satisfaction' } });
    const paper = await PaperForm.create(visits, { languages: ['en'] });
    const data = { visits: [{ on: '2026-11-02', rating: 2 }, { rating: 5 }] };
    const doc = await PDFDocument.load(await paper.fill(data).save());
    const form = doc.getForm();
    expect(form.getRadioGroup(fieldNameOf('/visits/0/rating')).getSelected()).toBe('2');
    expect(form.getRadioGroup(fieldNameOf('/visits/1/rating')).getOptions()).toEqual(['1', '2', '3', '4', '5']);
    expect(form.getRadioGroup(fieldNameOf('/visits/1/rating')).getSelected()).toBe('5');
    // In its table column: after the number (26 points) and the date (80), not in the input column of a field row.
    const x = form.getRadioGroup(fieldNameOf('/visits/0/rating')).acroField.getWidgets()[0]!.getRectangle().x;
    const fieldRowInput = 42 + (595.28 - 84) * 0.4; // left margin + the label column of a field row on A4
    expect(x).toBeLessThan(fieldRowInput);
    expect(x).toBeGreaterThan(42 + 26 + 80);
  });
});
