/** A JSON Schema (draft 2020-12) object as Komek writes it. Only the parts the model reads are typed. */
export interface JsonSchema {
  $id?: string;
  $ref?: string;
  $comment?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  not?: JsonSchema;
  contains?: JsonSchema;
  dependentRequired?: Record<string, string[]>;
  additionalProperties?: boolean | JsonSchema;
  $defs?: Record<string, JsonSchema>;
  'x-komek'?: KomekAnnotation;
  [keyword: string]: unknown;
}

/** The `x-komek` annotation: everything the schema says beyond validation. */
export interface KomekAnnotation {
  form?: FormMeta;
  /** Printed numbering, e.g. "3.5". */
  number?: string;
  /** Line of the guidelines' source text. */
  line?: number;
  /** Present when the part is not on the printed form at all but implied by the text: the reason. */
  derived?: string | boolean;
  /**
   * Present when a printed part is asked in a way the page does not draw (one printed line split into two inputs,
   * options read from the wording, a blank column read as a mark and a comment): the reading. The part is printed.
   */
  reading?: string;
  kind?: 'group' | 'indicators' | 'needsTable' | 'needRow' | 'planTable' | 'planRow' | 'signature' | 'static';
  widget?: string;
  enumTitles?: Record<string, string>;
  layout?: 'inline' | 'stack';
  role?: string;
  alert?: string;
  /**
   * Orders of dates within this object the validator checks: in each pair, the date at the second pointer (from
   * this object) may not be earlier than the one at the first (`[["/issueDate", "/expiryDate"]]`).
   */
  dateOrder?: [string, string][];
  /**
   * A field that summarises the case (lists and search show and find a case by it): which summary field it holds.
   * The case's value is the one of the latest form that holds it.
   */
  summary?: SummaryField;
  [annotation: string]: unknown;
}

/** The fields that summarise a case (`x-komek.summary`): the migrant's name, date of birth, citizenship, place. */
export const summaryFields = ['fullName', 'dateOfBirth', 'citizenship', 'place'] as const;
export type SummaryField = (typeof summaryFields)[number];

/** Form-level metadata in the root schema's `x-komek.form`. */
export interface FormMeta {
  id: string;
  country: 'KZ' | 'KG' | 'TJ';
  sop: string;
  step: string;
  formNumber: string | null;
  kind: FormKind;
  printed: boolean;
  sourceLines?: string;
  derivedFrom?: string;
  version: string;
  personalData?: boolean;
  languages?: string[];
  /** A gated form: the consent forms that open it and the refusal forms that close it (by id). */
  gatedBy?: { consents: string[]; refusals: string[] };
  /** A consent or refusal form: where its data holds the date it was signed and the date it stopped counting. */
  consentRecord?: { signedOn: string[]; endedOn: string[] };
}

export type FormKind =
  | 'application'
  | 'checklist'
  | 'consent'
  | 'refusal'
  | 'questionnaire'
  | 'agreement'
  | 'needs-assessment'
  | 'plan'
  | 'claim';

/**
 * A form schema with every file it refers to, keyed by `$id`: what the model needs to walk a form without
 * fetching anything.
 */
export interface SchemaBundle {
  root: string;
  schemas: Record<string, JsonSchema>;
}
