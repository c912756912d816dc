import { LitElement, css, html, nothing } from 'lit';

const WIDTH = 480;
const HEIGHT = 140;

/**
 * A drawing surface for a handwritten signature, stored as a PNG data URL. Used inside `<komek-form>`; the typed
 * name and date stay the record, so the drawing is optional. Keyboard users can put the typed name in as the image
 * ("Sign with the typed name") or clear it.
 *
 * With `folded` and no `value`, it shows its own children instead of the drawing surface (`<komek-form>` puts a "Draw
 * a signature" button there, and loads this element's code when the person presses it); unfolded, it stays open.
 *
 * @fires change - When a stroke ends or the drawing is cleared; read `value`.
 * @slot - What a folded pad without a drawing shows.
 * @csspart canvas - The drawing surface.
 * @csspart button - The clear and sign-with-name buttons.
 * @csspart hint - How to sign, under the drawing surface.
 * @cssprop [--komek-signature-ink=#111] - Ink colour.
 */
export class KomekSignaturePad extends LitElement {
  static override properties = {
    value: { type: String },
    disabled: { type: Boolean, reflect: true },
    label: { type: String },
    clearLabel: { attribute: 'clear-label' },
    typedLabel: { attribute: 'typed-label' },
    typedName: { attribute: 'typed-name' },
    hint: { type: String },
    folded: { type: Boolean, reflect: true },
  };

  static override styles = css`
    :host {
      display: block;
    }
    canvas {
      display: block;
      width: 100%;
      max-width: ${WIDTH}px;
      aspect-ratio: ${WIDTH} / ${HEIGHT};
      touch-action: none;
      background: var(--komek-color-input-bg, #fff);
      border: 1px dashed var(--komek-color-border, #6b6b6b);
      border-radius: var(--komek-radius, 4px);
    }
    :host([disabled]) canvas {
      opacity: 0.7;
    }
    .hint {
      margin: 0.25rem 0 0;
      color: var(--komek-color-muted, #595959);
      font-size: 0.9375em;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      margin-top: 0.5rem;
      flex-wrap: wrap;
    }
    /* The same buttons as <komek-form>'s own (secondary style), 44 px tall for a finger. */
    button {
      font: inherit;
      min-height: 2.75rem;
      padding: 0.5rem 1rem;
      border: 1px solid var(--komek-color-accent, #0b5cad);
      border-radius: var(--komek-radius, 4px);
      background: var(--komek-color-bg, #fff);
      color: var(--komek-color-accent, #0b5cad);
      cursor: pointer;
    }
    button:disabled {
      cursor: not-allowed;
      border-color: var(--komek-color-border, #6b6b6b);
      color: var(--komek-color-muted, #595959);
    }
    button:focus-visible {
      outline: 3px solid var(--komek-color-focus, #1a5fb4);
      outline-offset: 2px;
    }
    @media print {
      .actions {
        display: none;
      }
      canvas {
        border-style: solid;
      }
    }
  `;

  /** The drawing as `data:image/png;base64,…`, or undefined when nothing is drawn. */
  declare value: string | undefined;
  declare disabled: boolean;
  /** Accessible name of the drawing surface. */
  declare label: string;
  declare clearLabel: string;
  declare typedLabel: string;
  /** How to sign, shown under the drawing surface (and its accessible description); none when empty. */
  declare hint: string;
  /** The typed name "Sign with the typed name" writes in; the button is hidden without it. */
  declare typedName: string | undefined;
  /** Shows the element's children instead of the drawing surface while there is no drawing (see above). */
  declare folded: boolean;

  private drawing = false;
  private drawn: string | undefined;

  constructor() {
    super();
    this.disabled = false;
    this.folded = false;
    this.label = 'Drawn signature';
    this.clearLabel = 'Clear';
    this.typedLabel = 'Sign with the typed name';
    this.hint = '';
  }

  private get canvas(): HTMLCanvasElement {
    return this.renderRoot.querySelector('canvas')!;
  }

  /** Focuses the first button that can be pressed, else the drawing surface (folded: the first child button). */
  override focus(options?: FocusOptions): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('button:not([disabled])') ??
      this.renderRoot.querySelector<HTMLElement>('canvas') ??
      this.querySelector<HTMLElement>('button');
    if (target) target.focus(options);
    else super.focus(options);
  }

  private point(e: PointerEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * WIDTH) / r.width, ((e.clientY - r.top) * HEIGHT) / r.height];
  }

  private ink(): CanvasRenderingContext2D {
    const g = this.canvas.getContext('2d')!;
    g.strokeStyle = g.fillStyle = getComputedStyle(this).getPropertyValue('--komek-signature-ink').trim() || '#111';
    g.lineWidth = 2.5;
    g.lineCap = g.lineJoin = 'round';
    return g;
  }

  private down(e: PointerEvent) {
    if (this.disabled || e.button !== 0) return;
    this.canvas.setPointerCapture(e.pointerId);
    this.drawing = true;
    const g = this.ink();
    g.beginPath();
    g.moveTo(...this.point(e));
  }

  private move(e: PointerEvent) {
    if (!this.drawing) return;
    const g = this.ink();
    g.lineTo(...this.point(e));
    g.stroke();
  }

  private up() {
    if (!this.drawing) return;
    this.drawing = false;
    this.commit(this.canvas.toDataURL('image/png'));
  }

  private commit(value: string | undefined) {
    this.value = this.drawn = value;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private clear() {
    // Cleared, the surface stays open for a new drawing.
    this.folded = false;
    this.canvas.getContext('2d')!.clearRect(0, 0, WIDTH, HEIGHT);
    this.commit(undefined);
  }

  private signTyped() {
    const g = this.ink();
    g.clearRect(0, 0, WIDTH, HEIGHT);
    g.font = `italic 36px "Segoe Script", "Brush Script MT", cursive, serif`;
    g.textBaseline = 'middle';
    g.fillText(this.typedName ?? '', 16, HEIGHT / 2, WIDTH - 32);
    this.commit(this.canvas.toDataURL('image/png'));
  }

  protected override updated(): void {
    // Redraw only when the value came from outside (draft restored, form reset), not after our own strokes.
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas || this.value === this.drawn) return;
    this.drawn = this.value;
    const g = canvas.getContext('2d')!;
    g.clearRect(0, 0, WIDTH, HEIGHT);
    // Only a drawing this pad could have made is shown: a PNG data URL. Any other value (a link, an SVG, a script
    // URL) would make the browser fetch or run something named by the data; it is left blank instead.
    if (this.value && isPngDataUrl(this.value)) {
      const img = new Image();
      img.onload = () => g.drawImage(img, 0, 0, WIDTH, HEIGHT);
      img.src = this.value;
    }
  }

  override render() {
    if (this.folded && !this.value) return html`<slot></slot>`;
    return html`<canvas
        part="canvas"
        tabindex="-1"
        width=${WIDTH}
        height=${HEIGHT}
        role="img"
        aria-label=${this.label}
        aria-describedby=${this.hint && !this.disabled ? 'hint' : nothing}
        @pointerdown=${this.down}
        @pointermove=${this.move}
        @pointerup=${this.up}
        @pointercancel=${this.up}
      ></canvas>
      ${this.hint && !this.disabled ? html`<p class="hint" id="hint" part="hint">${this.hint}</p>` : nothing}
      ${
        // Disabled (a form that cannot be changed): no buttons that would change the drawing.
        this.disabled
          ? nothing
          : html`<div class="actions">
              ${this.typedName ? html`<button type="button" part="button" @click=${this.signTyped}>${this.typedLabel}</button>` : null}
              <button type="button" part="button" ?disabled=${!this.value} @click=${this.clear}>
                ${this.clearLabel}
              </button>
            </div>`
      }`;
  }
}

if (!customElements.get('komek-signature-pad')) customElements.define('komek-signature-pad', KomekSignaturePad);

declare global {
  interface HTMLElementTagNameMap {
    'komek-signature-pad': KomekSignaturePad;
  }
}

/** A PNG data URL of at most 200,000 characters (the schema's bound on a drawn signature). */
export function isPngDataUrl(value: string): boolean {
  return value.length <= 200_000 && /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/.test(value);
}
