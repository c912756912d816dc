/** Length of a string in Unicode code points. */
export declare function ucs2length(str: string): number;
/** The formats the schemas use. */
export declare const formats: { date: (s: string) => boolean };
/** Appends a validation error to the list (null while there is none). */
export declare function pushError<E>(list: E[] | null, error: E): E[];
