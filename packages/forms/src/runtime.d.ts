/** Length of a string in Unicode code points. */
export declare function ucs2length(str: string): number;
/** The formats the schemas use. */
export declare const formats: { date: (s: string) => boolean };
/** Appends a validation error `{ instancePath, keyword, params }` to the list (null while there is none); `{}` without a keyword. */
export declare function pushError(
  list: object[] | null,
  instancePath?: string,
  keyword?: string,
  params?: Record<string, unknown>,
): object[];
