export { createPaperForm } from './createPaperForm.js';
export type { CreatePaperFormOptions } from './createPaperForm.js';
export { PaperForm } from './PaperForm.js';
export type { PaperFormOptions, FillOptions, SaveOptions, PaperMode } from './PaperForm.js';
export { createPaperPack, mergePaperForms } from './paperPack.js';
export type { PaperPackOptions } from './paperPack.js';
export { readPaperForm, readPaperPack } from './readPaperForm.js';
export type { PaperFormContent } from './readPaperForm.js';
export { setFontLoader, defaultFontLoader, loadFonts } from './fonts/fontSource.js';
export type { FontSource, FontLoader } from './fonts/fontSource.js';
export { alphabets, fieldCharacters } from './fonts/alphabets.js';
export { fieldNameOf, pointerOfFieldName } from './fieldNames.js';
export {
  InvalidArgumentError,
  UnknownFormError,
  UnsupportedLanguageError,
  InvalidFormDataError,
  NotAPaperFormError,
  PaperPackError,
  FontLoadError,
  ImageError,
} from './errors.js';
export { SIGNATURE_LIMITS, signatureImageProblem } from './images.js';
export { unprintableCharacters } from './text/printable.js';
export type { DataIssue } from './errors.js';
export { DuplicateFieldError } from './acroFields.js';
export {
  paperWidgets,
  paperWidgetFor,
  registerPaperWidget,
  layoutOf,
  isoDate,
  paperNumber,
} from './render/paperWidgets.js';
export type { PaperWidget, PaperLayout, FieldValues } from './render/paperWidgets.js';
export { choiceInput, inputCell, textInput, yesNoCell, yesNoInput } from './render/rows.js';
export type { Cell, InputPart, Scope } from './render/rows.js';
export { columnWidths, textColumnWeight } from './render/tables.js';
