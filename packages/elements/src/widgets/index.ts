import { lazyWidget, type WidgetRenderer } from '../registry.js';
import { checkboxWidget } from './checkbox.js';
import { choiceWidget } from './choice.js';
import { groupWidget } from './group.js';
import { indicatorsWidget } from './indicators.js';
import { multichoiceWidget } from './multichoice.js';
import { dateWidget } from './date.js';
import { needsTableDeclared, planTableDeclared } from './lazy.js';
import { numberWidget } from './number.js';
import { repeatWidget } from './repeat.js';
import { signaturePadWidget } from './signature-pad.js';
import { signatureWidget } from './signature.js';
import { staticWidget } from './static.js';
import { textareaWidget, textWidget } from './text.js';
import { unknownWidget } from './unknown.js';
import { yesNoWidget } from './yesno.js';

/**
 * Widgets few forms have, drawn by chunks of their own that a form fetches when it has one: the needs and plan
 * tables. Their declarations (widgets/lazy.ts) are here, so the registry resolves their nodes all the same.
 */
const needsTableWidget = lazyWidget(needsTableDeclared, () =>
  import('./needs-table.js').then((m) => m.needsTableWidget),
);
const planTableWidget = lazyWidget(planTableDeclared, () => import('./plan-table.js').then((m) => m.planTableWidget));

/** The widgets `<komek-form>` ships with, one line each. */
export const defaultRenderers: WidgetRenderer[] = [
  unknownWidget,
  textWidget,
  textareaWidget,
  numberWidget,
  dateWidget,
  choiceWidget,
  multichoiceWidget,
  checkboxWidget,
  yesNoWidget,
  signaturePadWidget,
  groupWidget,
  indicatorsWidget,
  signatureWidget,
  staticWidget,
  needsTableWidget,
  planTableWidget,
  repeatWidget,
];

export {
  checkboxWidget,
  choiceWidget,
  dateWidget,
  groupWidget,
  indicatorsWidget,
  multichoiceWidget,
  needsTableWidget,
  numberWidget,
  planTableWidget,
  repeatWidget,
  signaturePadWidget,
  signatureWidget,
  staticWidget,
  textWidget,
  textareaWidget,
  unknownWidget,
  yesNoWidget,
};
