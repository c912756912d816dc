import { html } from 'lit';
import { kindIs, rankWith } from '@komek/core';
import type { WidgetRenderer } from '../registry.js';

/** A printed sentence with no answer (consent wording, instructions). */
export const staticWidget: WidgetRenderer = {
  name: 'static',
  tester: rankWith(1, kindIs('static')),
  redraw: 'answer',
  render: (ctx, node) => html`<p class="static" part="static">${ctx.label(node)}</p>`,
};
