/**
 * The longest texts the server takes in the desk's text boxes, in characters (Unicode code points, as the server's
 * JSON Schema `maxLength` counts them): packages/server/src/routes/approvals.ts (`comment`), casework.ts (a
 * referral's `receivingBody` and `note`, a referral status `note`), cases.ts (the search `q`) and access.ts (sign-in). The boxes do not cut what is pasted into them
 * (`maxlength` would, silently): a text that is too long is refused with a message, and stays in its box.
 * test/server/openapi.test.ts fails when these and the server's differ.
 */
export const limits = {
  comment: 2000,
  note: 2000,
  receivingBody: 300,
  search: 200,
  username: 200,
  password: 4096,
} as const;

/** How the server counts a text's length: code points, not UTF-16 units. */
export const characters = (text: string): number => [...text].length;
