import type { WidgetRenderer } from '../registry.js';
import { checkboxWidget } from './checkbox.js';
import { choiceWidget } from './choice.js';
import { dateWidget } from './date.js';
import { groupWidget } from './group.js';
import { indicatorsWidget } from './indicators.js';
import { multichoiceWidget } from './multichoice.js';
import { needsTableWidget } from './needs-table.js';
import { numberWidget } from './number.js';
import { planTableWidget } from './plan-table.js';
import { repeatWidget } from './repeat.js';
import { signaturePadWidget } from './signature-pad.js';
import { signatureWidget } from './signature.js';
import { staticWidget } from './static.js';
import { textareaWidget, textWidget } from './text.js';
import { unknownWidget } from './unknown.js';
import { yesNoWidget } from './yesno.js';

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
