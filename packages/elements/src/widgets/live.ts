import { noChange, type PropertyPart } from 'lit';
import { Directive, directive } from 'lit/directive.js';

/**
 * `live` for the property bindings of the controls (`.value`, `.checked`): the property is set when the control's
 * own value differs from the answer rendered (the person typed or clicked since, or the same answer is rendered again
 * over a control that shows something else), as Lit's `live` does. Lit's directive brings lit-html's
 * directive-helpers module whole (0.6 KiB gzip of `komek.js`, for two small functions); this one sets the property
 * itself and tells Lit that nothing is left to commit.
 */
class LiveProperty extends Directive {
  render(value: unknown) {
    return value;
  }

  override update(part: PropertyPart, [value]: [unknown]) {
    const element = part.element as unknown as Record<string, unknown>;
    if (element[part.name] !== value) element[part.name] = value;
    return noChange;
  }
}

/** Binds a control's property (`.value`, `.checked`) to the answer, checked against what the control shows. */
export const live = directive(LiveProperty);
