import { and, or, rankWith, type NodePredicate, type WidgetEntry, type WidgetKind } from './widgets.js';

/*
 * The core's widget kinds with their testers, apart from widgets.ts: only building a model from schemas
 * (`buildFormModel`) resolves a field's kind with them, so a renderer that draws built models does not hold them.
 */

/** The schema type is this one. */
export const typeIs =
  (type: string): NodePredicate =>
  (node) =>
    node.schema.type === type;
/** The schema format is this one. */
export const formatIs =
  (format: string): NodePredicate =>
  (node) =>
    node.schema.format === format;
/** The schema asks for this widget in `x-komek.widget`. */
export const widgetIs =
  (widget: WidgetKind): NodePredicate =>
  (node) =>
    node.annotation.widget === widget;
/** The schema has an `enum`. */
export const hasEnum: NodePredicate = (node) => Array.isArray(node.schema.enum);
/** An array of enum values. */
export const isMultiChoice: NodePredicate = (node) =>
  node.schema.type === 'array' && Array.isArray(node.schema.items?.enum);
/** A long text: asked for, or allowed over 500 characters. */
export const isLongText: NodePredicate = (node) =>
  node.annotation.widget === 'textarea' || (node.schema.type === 'string' && (node.schema.maxLength ?? 0) > 500);

/**
 * The widget kinds of the core with their ranked testers: `buildFormModel` gives each field the kind whose tester
 * ranks highest. Renderers resolve their own drawing by ranked testers too (`rendererFor` in @komek/elements, the
 * paper-widget registry of @komek/pdf). A new kind is one entry here (see `WidgetKinds`).
 */
export const defaultWidgets: WidgetEntry[] = [
  { widget: 'unknown', tester: () => 0 },
  { widget: 'text', tester: rankWith(1, typeIs('string')) },
  { widget: 'textarea', tester: rankWith(2, and(typeIs('string'), isLongText)) },
  { widget: 'date', tester: rankWith(3, formatIs('date')) },
  { widget: 'number', tester: rankWith(1, or(typeIs('integer'), typeIs('number'))) },
  { widget: 'choice', tester: rankWith(3, hasEnum) },
  { widget: 'multichoice', tester: rankWith(3, isMultiChoice) },
  { widget: 'checkbox', tester: rankWith(1, typeIs('boolean')) },
  { widget: 'yesno', tester: rankWith(4, widgetIs('yesno')) },
  { widget: 'checklist', tester: rankWith(4, widgetIs('checklist')) },
  { widget: 'signaturePad', tester: rankWith(4, widgetIs('signaturePad')) },
];
