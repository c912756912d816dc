/** Length of a string in Unicode code points. */
export declare function ucs2length(str: string): number;
/** The formats the schemas use. */
export declare const formats: { date: (s: string) => boolean };
