import { html } from 'lit';
import { rankWith } from '@komek/core';
import type { WidgetRenderer } from '../registry.js';

/** The fallback for a node no widget claims: says so instead of dropping the question silently. */
export const unknownWidget: WidgetRenderer = {
  name: 'unknown',
  tester: rankWith(0, () => true),
  render: (ctx, node) =>
    html`<p class="unknown" part="unknown">
      ${ctx.label(node)} — ${ctx.ui('unsupportedField', 'this question cannot be answered here')}
    </p>`,
};
