import { adoptStyles, type CSSResult, type LitElement, type ReactiveController } from 'lit';

/**
 * Styles of the parts of `<komek-form>` that are chunks of their own (drafts notices, the consent notice, the
 * needs and plan tables): each chunk adds its styles here when it is loaded, and every element adopts them into its
 * shadow root, after its own, at its next update (`LazyStyles`).
 */
const loaded: CSSResult[] = [];

/** Adds the styles of a chunk that has just been loaded. */
export function addStyles(styles: CSSResult): void {
  if (loaded.includes(styles)) return;
  loaded.push(styles);
  // Parsed with the chunk that brings them, not when a form is next drawn.
  void styles.styleSheet;
}

/** Adopts the styles of loaded chunks into the element's shadow root before it renders. */
export class LazyStyles implements ReactiveController {
  #host: LitElement;
  #adopted = 0;

  constructor(host: LitElement) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.#adopted === loaded.length) return;
    this.#adopted = loaded.length;
    const own = (this.#host.constructor as typeof LitElement).elementStyles;
    adoptStyles(this.#host.renderRoot as ShadowRoot, [...own, ...loaded]);
  }
}
