/**
 * Renders every Storybook story (the generated form × language stories, the widget states and the component
 * stories) in Chromium, one after another in one page, and fails on an axe violation or on a message key or
 * placeholder shown instead of a text. Stories are rendered from their CSF modules as Storybook does: meta and
 * story args merged, loaders run, render called, play run.
 */
import axe from 'axe-core';
import { render as litRender, nothing } from 'lit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '@komek/forms';
import type { KomekForm } from '@komek/elements';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { formStoriesModule } from '../../../stories/forms/form-stories.js';
import { formStoryVariants } from '../../../stories/forms/variants.js';

type AnyMeta = Meta<Record<string, unknown>>;
type AnyStory = StoryObj<Record<string, unknown>>;
interface CsfModule {
  default: AnyMeta;
  [exportName: string]: unknown;
}

const csfModules = import.meta.glob<CsfModule>(
  ['../../../stories/widgets/*.stories.ts', '../../../stories/components/*.stories.ts'],
  { eager: true },
);

/** A message key shown raw (`ns:key`, `ui:…`), or a `{{placeholder}}` left unfilled. */
const RAW_KEY = /(^|[\s("“])(ui|defs|[a-z]{2}-[\w.-]+):[\w$.-]+[a-zA-Z]/;
const PLACEHOLDER = /\{\{\s*[\w.]+\s*\}\}/;
const FALLBACK_MARK = '⟦en⟧';

/** axe rule sets: WCAG 2.1 A and AA, and best practices. */
const AXE_OPTIONS: axe.RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  resultTypes: ['violations'],
};

/**
 * Colour contrast is half of axe's time and depends on the styles, not on the language: a form's stories check it
 * in one single-language and one bilingual story (the secondary language has its own colour); every other rule
 * runs on every story.
 */
const CONTRAST_CHECKED_IN = new Set(['en', 'kk + ru']);
const WITHOUT_CONTRAST: axe.RunOptions = { ...AXE_OPTIONS, rules: { 'color-contrast': { enabled: false } } };

let canvas: HTMLElement;

beforeAll(() => {
  canvas = document.createElement('div');
  canvas.id = 'storybook-root';
  document.body.append(canvas);
  // The page a story sits in, as Storybook's iframe gives it: a language and a main landmark.
  document.documentElement.lang = 'en';
  document.title = 'Komek stories';
  const main = document.createElement('main');
  main.append(canvas);
  document.body.append(main);
});

afterAll(() => litRender(nothing, canvas));

async function until(ok: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every text node and accessible-name attribute under a root, shadow roots included. */
function shownText(root: Node): string {
  const out: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent ?? '');
    if (node instanceof Element) {
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = node.getAttribute(a);
        if (v) out.push(v);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
      if (node.localName === 'style' || node.localName === 'script') return;
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return out.join(' ');
}

/** Renders one story into the shared canvas as Storybook would, and waits for every `<komek-form>` to draw. */
async function renderStory<Args>(meta: Meta<Args>, story: StoryObj<Args>): Promise<void> {
  litRender(nothing, canvas);
  const args = { ...meta.args, ...story.args } as Record<string, unknown>;
  const loaders = [meta.loaders, story.loaders].flat().filter(Boolean) as ((
    ctx: unknown,
  ) => Promise<Record<string, unknown>>)[];
  const context = { args, argTypes: {}, globals: {}, parameters: {}, loaded: {}, canvasElement: canvas } as Record<
    string,
    unknown
  >;
  context.loaded = Object.assign({}, ...(await Promise.all(loaders.map((load) => load(context)))));
  const draw = (story.render ?? meta.render)!;
  litRender((draw as (a: unknown, c: unknown) => unknown)(args, context), canvas);
  for (const form of canvas.querySelectorAll<KomekForm>('komek-form')) {
    await until(() => form.shadowRoot?.querySelector('.form, .load-error') != null, 'the form to render');
    expect(form.shadowRoot!.querySelector('.load-error')?.textContent ?? '').toBe('');
    await form.updateComplete;
  }
  const play = story.play ?? meta.play;
  if (play) await (play as (c: unknown) => Promise<void>)(context);
}

/** The checks every story passes: no raw keys or placeholders, and no axe violation. */
async function checkStory(contrast = true): Promise<void> {
  const text = shownText(canvas);
  expect(text.trim().length, 'the story shows something').toBeGreaterThan(0);
  expect(text.match(RAW_KEY)?.[0], 'a message key is shown instead of its text').toBeUndefined();
  expect(text.match(PLACEHOLDER)?.[0], 'a placeholder is left unfilled').toBeUndefined();
  expect(text.includes(FALLBACK_MARK)).toBe(false);
  // Off-screen sections skip layout (content-visibility: auto) and keep a stand-in height; axe would measure their
  // rows against whatever that stand-in lets them overlap. Measure them laid out, as the element's own tests do.
  for (const form of canvas.querySelectorAll<HTMLElement>('komek-form'))
    form.style.setProperty('--komek-content-visibility', 'visible');
  const result = await axe.run(canvas, contrast ? AXE_OPTIONS : WITHOUT_CONTRAST);
  const violations = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  );
  expect(violations).toEqual([]);
}

describe('widget and component stories', () => {
  for (const [path, mod] of Object.entries(csfModules)) {
    const meta = mod.default;
    const stories = Object.entries(mod).filter(([name]) => name !== 'default' && name !== '__namedExportsOrder') as [
      string,
      AnyStory,
    ][];
    describe(meta.title ?? path, () => {
      for (const [name, story] of stories) {
        it(name, async () => {
          await renderStory(meta, story);
          await checkStory();
          if (name === 'Invalid' && !path.endsWith('static.stories.ts')) {
            // The invalid state must show a message next to the field.
            const form = canvas.querySelector('komek-form')!;
            expect(form.shadowRoot!.querySelector('.error')?.textContent ?? '', 'an error message is shown').not.toBe(
              '',
            );
          }
        });
      }
    });
  }
});

describe('form stories (catalog × languages)', () => {
  for (const entry of catalog) {
    const { meta, stories } = formStoriesModule(entry.id);
    describe(entry.id, () => {
      for (const variant of formStoryVariants) {
        it(variant.name, async () => {
          const story = stories[variant.exportName];
          if (!story) throw new Error(`${entry.id} has no story ${variant.exportName}`);
          await renderStory(meta, story);
          const form = canvas.querySelector('komek-form')!;
          await until(
            () => form.shadowRoot!.querySelector('.form')?.getAttribute('lang') === variant.lang,
            `the form in ${variant.lang}`,
          );
          await checkStory(CONTRAST_CHECKED_IN.has(variant.name));
        });
      }
    });
  }
});
