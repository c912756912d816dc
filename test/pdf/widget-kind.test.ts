import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { buildFormModel, defaultWidgets } from '@komek/core';
import { addMessages } from '@komek/i18n';
import { fieldNameOf, paperWidgetFor, PaperForm, registerPaperWidget } from '@komek/pdf';
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
});
