import { html } from 'lit';
import { kindIs, or, rankWith, type FormNode, type GroupNode, type NeedRowNode } from '@komek/core';
import { forNodes, type WidgetRenderer } from '../registry.js';
import { description, errorText, fieldIds } from './field.js';

/**
 * A group of questions as a fieldset (also a need row met outside a needs table); a top-level group is a numbered section whose legend is a heading. Groups the
 * schema lays out `inline` (one printed line asking for two things) put their fields side by side.
 */
export const groupWidget: WidgetRenderer = forNodes(
  (node: FormNode): node is GroupNode | NeedRowNode => node.kind === 'group' || node.kind === 'needRow',
  {
    name: 'group',
    tester: rankWith(1, or(kindIs('group'), kindIs('needRow'))),
    redraw: 'subtree',
    render: (ctx, node, base) => {
      const pointer = base + node.pointer;
      const ids = fieldIds(pointer);
      const inline = node.annotation.layout === 'inline';
      // A top-level group is a section with a heading, unless it is one printed line asking for two things.
      const section = base === '' && node.pointer.lastIndexOf('/') === 0 && !inline;
      const kind = inline ? 'inline' : 'group';
      return html`<fieldset
        class=${`group ${kind}${section ? ' section' : ''}`}
        part=${section ? 'section group' : 'group'}
        id=${ids.id}
      >
        <legend part="legend">${section ? html`<h2>${ctx.label(node)}</h2>` : ctx.label(node)}</legend>
        ${description(ctx, node, ids)}${errorText(ctx, pointer, ids)}
        <div class="children">
          ${node.children.map((c) =>
            // Side by side, a question the answers reveal gets a row of its own under the one that reveals it, so the
            // fields beside them keep their places and widths.
            inline && c.condition && ctx.isShown(c, base)
              ? html`<div class="revealed" part="revealed">${ctx.renderNode(c, base)}</div>`
              : ctx.renderNode(c, base),
          )}
        </div>
      </fieldset>`;
    },
  },
);
