export type { JsonSchema, KomekAnnotation, FormMeta, FormKind, SchemaBundle, SummaryField } from './schema.js';
export { summaryFields } from './schema.js';
export type {
  FormNode,
  FormModel,
  NodeKind,
  NodeOfKind,
  NodeBase,
  NodeDescription,
  ContainerNode,
  WidgetNode,
  FormRootNode,
  GroupNode,
  IndicatorsNode,
  SignatureNode,
  NeedsTableNode,
  NeedRowNode,
  PlanTableNode,
  RepeatNode,
  FieldNode,
  ChecklistNode,
  StaticNode,
  ChoiceOption,
  Condition,
  SerializedModel,
  SerializedNode,
} from './model.js';
export { childrenOf, isContainer, itemOf, optionsOf, widgetOf } from './model.js';
export { resolveRef, resolveUri, UnresolvedRefError } from './resolveRef.js';
export {
  escapePointerSegment,
  getAtPointer,
  parentPointer,
  pointerOf,
  pointerSegments,
  unescapePointerSegment,
} from './pointer.js';
export type { SchemaLocation } from './resolveRef.js';
export { formatMessageKey } from './messageKey.js';
export { messageKeyAt, namespaceOf } from './schemaMessageKey.js';
export type { MessageKey } from './messageKey.js';
export { buildFormModel, effectiveSchema, NotAFormError, RefCycleError } from './buildFormModel.js';
export { hydrateModel, serializeModel, InvalidModelError } from './serialize.js';
export type { EffectiveSchema } from './buildFormModel.js';
export { rankWith, and, or, kindIs, resolveWidget, NOT_APPLICABLE } from './widgets.js';
export { typeIs, formatIs, widgetIs, hasEnum, isMultiChoice, isLongText, defaultWidgets } from './defaultWidgets.js';
export type { Tester, NodePredicate, WidgetEntry, WidgetKind, WidgetKinds } from './widgets.js';
export {
  matchesCondition,
  conditionHolds,
  findUnsupportedCondition,
  isVisible,
  pruneHidden,
  UnsupportedConditionError,
} from './conditions.js';
export { isReadByConditions } from './conditionReads.js';
export { setAtPointer } from './data.js';
export { mapErrors, findNode } from './errors.js';
export { findTextProblems, textProblemIn, type TextProblem } from './textProblems.js';
export type { ValidatorError, ValidationIssue } from './errors.js';
export { englishTranslator, interpolate, translate, unworded } from './translator.js';
export type { Translator } from './translator.js';
export { walkNodes, isInputNode } from './walk.js';
export { messageKeysOf } from './formMessageKeys.js';
export { marks } from './marks.js';
export type { Mark } from './marks.js';
export { checkConsent } from './consentGate.js';
export type { CaseRecord, ConsentDecision, ConsentGate, ConsentRecordForm } from './consentGate.js';
export { FormSession, createFormSession } from './formSession.js';
export type { FormSessionOptions, FormIssue, IssueLanguage, Validator } from './formSession.js';
export { KomekError, isKomekError } from './komekError.js';
export { UnknownFormError } from './unknownFormError.js';
export type { KomekErrorCode } from './komekError.js';
export { presentLabel, presentTitle } from './present.js';
