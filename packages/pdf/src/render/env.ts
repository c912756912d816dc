import {
  getAtPointer,
  translate,
  type FormModel,
  type FormNode,
  type FormSession,
  type MessageKey,
  type Translator,
} from '@komek/core';
import type { Language } from '@komek/i18n';
import type { PDFImage } from 'pdf-lib';
import type { Canvas } from '../layout/canvas.js';
import { block, drawBlock, type Face, type TextBlock, type TextStyle } from '../layout/draw.js';
import { color, size } from '../layout/style.js';

/** How a paper form is made: a blank fillable form, the same with data, or filled and flattened. */
export type PaperMode = 'blank' | 'filled' | 'final';

/** A text in the primary language and, when it differs, in the secondary one. */
export interface BiText {
  primary: string;
  secondary?: string;
}

/** A text that did not fit its box: the rest goes on a continuation sheet. */
export interface Continuation {
  /** Number of the continuation sheet. */
  sheet: number;
  pointer: string;
  label: BiText;
  number?: string;
  /** The text that continues. */
  rest: string;
  /** Page the box is on, known once it is drawn. */
  fromPage?: number;
}

/** Kinds of label text, from the form title down to captions. */
export type TextRole = 'title' | 'section' | 'label' | 'caption' | 'small' | 'strong' | 'routing' | 'muted';

/** What the row builders share: the form, the data, the languages and the fonts. */
export interface RenderEnv {
  model: FormModel;
  mode: PaperMode;
  /** The data as printed (hidden branches pruned); undefined on a blank form. */
  data: unknown;
  /** The answers as given, which decide what is shown; undefined on a blank form (every part is shown). */
  session: FormSession | undefined;
  /** Drawn signatures by the pointer of their data URL, embedded before layout. */
  images: Map<string, PDFImage>;
  languages: Language[];
  translators: Translator[];
  faces: { regular: Face; bold: Face };
  continuations: Continuation[];
}

/** Two styles per role: primary language, and the smaller grey secondary language under it. */
export function stylesOf(env: RenderEnv, role: TextRole): [TextStyle, TextStyle] {
  let byRole = styleCache.get(env.faces);
  if (!byRole) styleCache.set(env.faces, (byRole = new Map<TextRole, [TextStyle, TextStyle]>()));
  let styles = byRole.get(role);
  if (!styles) {
    const [primary, secondary] = roleStyles(env, role);
    byRole.set(role, (styles = [primary, { ...secondary, secondary: true }]));
  }
  return styles;
}

/** Styles by role, per set of faces (a document's): the layout asks for them for every label. */
const styleCache = new WeakMap<RenderEnv['faces'], Map<TextRole, [TextStyle, TextStyle]>>();

function roleStyles(env: RenderEnv, role: TextRole): [TextStyle, TextStyle] {
  const { regular, bold } = env.faces;
  switch (role) {
    case 'title':
      return [
        { face: bold, size: size.title, color: color.text },
        { face: regular, size: size.titleSecondary, color: color.secondary },
      ];
    case 'section':
      return [
        { face: bold, size: size.section, color: color.text },
        { face: regular, size: size.sectionSecondary, color: color.secondary },
      ];
    case 'strong':
      return [
        { face: bold, size: size.label, color: color.text },
        { face: regular, size: size.labelSecondary, color: color.secondary },
      ];
    case 'label':
      return [
        { face: regular, size: size.label, color: color.text },
        { face: regular, size: size.labelSecondary, color: color.secondary },
      ];
    case 'caption':
      return [
        { face: regular, size: size.caption, color: color.text },
        { face: regular, size: size.captionSecondary, color: color.secondary },
      ];
    case 'small':
      return [
        { face: regular, size: size.small, color: color.muted },
        { face: regular, size: size.small, color: color.muted },
      ];
    case 'muted':
      return [
        { face: regular, size: size.label, color: color.muted },
        { face: regular, size: size.labelSecondary, color: color.muted },
      ];
    case 'routing':
      return [
        { face: regular, size: size.label, color: color.routing },
        { face: regular, size: size.labelSecondary, color: color.routing },
      ];
  }
}

/** A message in both languages; the secondary is left out when it says the same. */
export function bi(env: RenderEnv, key: string, fallback: string, params?: Record<string, unknown>): BiText {
  const [first, second] = env.translators;
  const primary = first!(key, fallback, params) ?? fallback;
  if (!second) return { primary };
  const secondary = second(key, fallback, params) ?? fallback;
  return secondary === primary ? { primary } : { primary, secondary };
}

/** A schema text (label, option, description) in both languages. */
export function biKey(env: RenderEnv, key: MessageKey, english: string | undefined): BiText {
  const [first, second] = env.translators;
  const primary = translate(first!, key, english);
  if (!second) return { primary };
  const secondary = translate(second, key, english);
  return secondary === primary ? { primary } : { primary, secondary };
}

/** A node's label in both languages. */
export function labelOf(env: RenderEnv, node: FormNode): BiText {
  return biKey(env, node.labelKey, node.englishLabel);
}

/** A short UI word pair on one line: `ИӘ / ДА`. */
export function inline(text: BiText): string {
  return text.secondary ? `${text.primary} / ${text.secondary}` : text.primary;
}

/** Joins two bilingual texts part by part. */
export function joinBi(a: BiText, sep: string, b: BiText): BiText {
  const primary = a.primary + sep + b.primary;
  const secondary = (a.secondary ?? a.primary) + sep + (b.secondary ?? b.primary);
  return secondary === primary ? { primary } : { primary, secondary };
}

/** A bilingual text broken into lines: primary block, then the secondary block under it. */
export interface BiBlock {
  primary: TextBlock;
  secondary?: TextBlock;
  height: number;
}

/** Measures a bilingual text for a width. */
export function biBlock(env: RenderEnv, text: BiText, role: TextRole, width: number): BiBlock {
  const [ps, ss] = stylesOf(env, role);
  const primary = block(text.primary, ps, width);
  if (text.secondary === undefined || text.secondary === '') return { primary, height: primary.height };
  const secondary = block(text.secondary, ss, width);
  return { primary, secondary, height: primary.height + secondary.height };
}

/** Draws a measured bilingual text. */
export function drawBi(
  canvas: Canvas,
  b: BiBlock,
  x: number,
  top: number,
  align: 'left' | 'center' | 'right' = 'left',
): void {
  drawBlock(canvas, b.primary, x, top, align);
  if (b.secondary) drawBlock(canvas, b.secondary, x, top - b.primary.height, align);
}

/** The value of the data at a pointer (undefined on blank forms). */
export function valueAt(env: RenderEnv, pointer: string): unknown {
  return env.data === undefined ? undefined : getAtPointer(env.data, pointer);
}
