import type { PostOptions, PostResult } from './post.js';

/**
 * Posts a valid submission of `<komek-form>` (`el`) to its `action` with a new idempotency key and fires
 * `komek-posted` on the element with the outcome (`{ ok: false, status: 0 }` when the server could not be reached).
 * Tells whether the server stored it.
 */
export async function postFrom(
  el: HTMLElement,
  o: Pick<PostOptions, 'action' | 'token' | 'formId' | 'data'>,
): Promise<boolean> {
  let result: PostResult | { ok: false; status: 0; body: undefined };
  try {
    // Posting is a chunk of its own, fetched by a form with `action` when it is first submitted.
    const { postSubmission } = await import('./post.js');
    result = await postSubmission({ ...o, idempotencyKey: crypto.randomUUID() });
  } catch {
    result = { ok: false, status: 0, body: undefined };
  }
  el.dispatchEvent(new CustomEvent('komek-posted', { detail: result, bubbles: true, composed: true }));
  return result.ok;
}
