/**
 * The keys of the encrypted drafts `<komek-form>` keeps while a form is filled (its `draft-key`): ids only, the
 * user's first, so that signing out deletes every draft the desk wrote for that user (`userDrafts`).
 */

/** A new form of a case. */
export const newFormDraft = (userId: string, caseId: string): string => `${userId}:${caseId}`;

/**
 * A submission being changed, on the revision it was opened at: not the new form's draft, and not put back over a
 * revision someone else saved meanwhile (the answers would overwrite theirs without a conflict being seen).
 */
export const editDraft = (userId: string, caseId: string, submissionId: string, revision: number): string =>
  `${userId}:${caseId}:${submissionId}:${revision}`;

/** Every draft of a submission being changed, whatever the revision. */
export const editDrafts = (userId: string, caseId: string, submissionId: string): string =>
  `${userId}:${caseId}:${submissionId}:`;

/** Every draft of the user. */
export const userDrafts = (userId: string): string => `${userId}:`;
