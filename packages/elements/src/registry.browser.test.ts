import { describe, expect, it } from 'vitest';
import { html } from 'lit';
import { and, buildFormModel, kindIs, NOT_APPLICABLE, rankWith, walkNodes, widgetOf, type FormNode } from '@komek/core';
import { formIds, schemaLoaders } from '@komek/forms/catalog';
import {
  lazyWidget,
  loadWidgets,
  registerWidget,
  registry,
  rendererFor,
  widgetNamed,
  type WidgetRenderer,
} from './registry.js';
import { defaultRenderers } from './widgets/index.js';

if (registry.length === 0) registry.push(...defaultRenderers);

/** The widget each node of the catalog must get: fields by the core's widget name, the rest by kind. */
function expectedWidget(node: FormNode): string {
  if (node.kind === 'field') return node.widget === 'checklist' ? 'checkbox' : node.widget;
  if (node.kind === 'checklist') return 'checkbox';
  if (node.kind === 'needRow') return 'group';
  return node.kind;
}

const nodes: FormNode[] = [];
for (const id of formIds) {
  const model = buildFormModel(await schemaLoaders[id]());
  for (const node of walkNodes(model.root)) if (node.kind !== 'form') nodes.push(node);
}

describe('widget testers', () => {
  for (const renderer of defaultRenderers.filter((r) => r.name !== 'unknown')) {
    it(`${renderer.name}: ranks its own nodes and no other`, () => {
      const own = nodes.filter((n) => expectedWidget(n) === renderer.name);
      const others = nodes.filter((n) => expectedWidget(n) !== renderer.name);
      if (renderer.name !== 'number' && renderer.name !== 'multichoice' && renderer.name !== 'repeat')
        expect(own.length).toBeGreaterThan(0);
      for (const n of own) expect(renderer.tester(n), n.pointer).toBeGreaterThan(NOT_APPLICABLE);
      for (const n of others)
        expect(renderer.tester(n), `${renderer.name} on ${n.kind}/${widgetOf(n)} ${n.pointer}`).toBe(NOT_APPLICABLE);
    });
  }

  it('unknown: ranks 0 for anything, so every other widget wins over it', () => {
    const unknown = defaultRenderers.find((r) => r.name === 'unknown')!;
    for (const n of nodes) expect(unknown.tester(n)).toBe(0);
  });

  it('every node of every form gets its widget', () => {
    const wrong = nodes.filter((n) => rendererFor(n)?.name !== expectedWidget(n));
    expect(wrong.map((n) => `${n.pointer}: ${rendererFor(n)?.name}`)).toEqual([]);
  });

  it('a registered widget with a higher rank takes over its nodes', () => {
    const phone: WidgetRenderer = {
      name: 'phone',
      tester: rankWith(
        5,
        and(kindIs('field'), widgetNamed('text'), (n) => /telephone/i.test(n.name)),
      ),
      render: () => html`<input type="tel" />`,
    };
    registerWidget(phone);
    try {
      const fresh = nodes.map((n) => ({ ...n }));
      const tel = fresh.find((n) => /telephone/i.test(n.name) && widgetOf(n) === 'text')!;
      expect(rendererFor(tel)?.name).toBe('phone');
      expect(rendererFor(fresh.find((n) => widgetOf(n) === 'text' && !/telephone/i.test(n.name))!)?.name).toBe('text');
    } finally {
      registry.splice(registry.indexOf(phone), 1);
    }
  });
});

describe('widgets drawn by chunks of their own', () => {
  // A copy: `rendererFor` keeps the choice made for each node object.
  const tableNode = { ...nodes.find((n) => n.kind === 'needsTable')! };

  it('load when a form that has one is loaded, and only then draw', async () => {
    const declared = { name: 'later', tester: rankWith(9, (n: FormNode) => n === tableNode) };
    let fetched = 0;
    const later = lazyWidget(declared, async () => {
      fetched++;
      return { render: () => html`<p>drawn</p>` };
    });
    registerWidget(later);
    try {
      expect(rendererFor(tableNode)).toBe(later);
      expect(later.render({} as never, tableNode, '')).toBe('');
      // A form without such a node fetches nothing.
      await loadWidgets(nodes.find((n) => n.kind === 'field')!);
      expect(fetched).toBe(0);
      await Promise.all([loadWidgets(tableNode), loadWidgets(tableNode)]);
      expect(fetched).toBe(1);
      expect(later.render({} as never, tableNode, '')).not.toBe('');
    } finally {
      registry.splice(registry.indexOf(later), 1);
    }
  });

  it('may be fetched again after a failed fetch', async () => {
    let attempts = 0;
    const flaky = lazyWidget({ name: 'flaky', tester: () => 0 }, async () => {
      if (++attempts === 1) throw new Error('offline');
      return { render: () => 'drawn' };
    });
    await expect(flaky.load!()).rejects.toThrow('offline');
    await flaky.load!();
    expect(flaky.render({} as never, tableNode, '')).toBe('drawn');
  });
});
