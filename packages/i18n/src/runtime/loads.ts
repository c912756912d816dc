/**
 * The loads of locale files, one per language and namespace: asking again shares the first load; a failed load is
 * forgotten so that it may be retried, while a missing translation is a result and stays.
 */
export class Loads {
  readonly #loads = new Map<string, Promise<void>>();

  /** Runs `load` for a language and namespace unless it has run (or is running) already. */
  once(lang: string, namespace: string, load: () => Promise<void>): Promise<void> {
    const id = `${lang}/${namespace}`;
    let p = this.#loads.get(id);
    if (!p) {
      p = load();
      p.catch(() => this.#loads.delete(id));
      this.#loads.set(id, p);
    }
    return p;
  }

  /** Records messages added directly as loaded. */
  done(lang: string, namespace: string): void {
    this.#loads.set(`${lang}/${namespace}`, Promise.resolve());
  }

  /** Whether a language and namespace are loaded, being loaded, or known to be missing. */
  has(lang: string, namespace: string): boolean {
    return this.#loads.has(`${lang}/${namespace}`);
  }
}
