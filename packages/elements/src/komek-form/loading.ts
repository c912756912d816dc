import type { ReactiveController, ReactiveElement } from 'lit';
import type { FormModel, SchemaBundle, SerializedModel, Validator } from '@komek/core';
import { formIds, modelLoaders, validatorLoaders, type FormId } from '@komek/forms/catalog';
import { loadChecking } from './validation.js';
import { beside } from '../files.js';

/** Set to true by the standalone build (`dist/komek.js`), whose forms are modules beside it. */
declare const __KOMEK_STANDALONE__: boolean | undefined;
const standalone = typeof __KOMEK_STANDALONE__ !== 'undefined' && __KOMEK_STANDALONE__;

/**
 * The error of a form id the catalog does not have, naming the close ids it has: its code (the edit distances behind
 * "Did you mean") is a chunk of its own, fetched only then.
 */
const unknownForm = (id: string, known: readonly string[]): Promise<Error> =>
  import('./unknown-form.js').then((m) => new m.UnknownFormError(id, known));

/**
 * A catalog form's model or validator (`undefined`: the catalog has no such form's validator). The standalone build
 * has them at fixed names beside `komek.js` (`forms/<id>.model.js`, `forms/<id>.validator.js`, see vite.config.ts):
 * one function by that convention instead of a table of 52 loaders in the entry, and the list of ids
 * (`forms/index.json`) read only when a form is not found. Builds from source go through the catalog's loaders.
 */
function catalogPart(id: string, part: 'model' | 'validator'): Promise<unknown> {
  if (!standalone) {
    const load = (part === 'model' ? modelLoaders : validatorLoaders)[id as FormId];
    if (load) return load();
    return part === 'model' ? unknownForm(id, formIds).then((e) => Promise.reject(e)) : Promise.resolve(undefined);
  }
  return import(/* @vite-ignore */ beside(`./forms/${id}.${part}.js`)).then(
    (m: { default: unknown }) => m.default,
    // Not fetched: a form the catalog does not have, or the network, told apart by the unknown form's chunk (if that
    // cannot be fetched either, the network).
    (e: unknown) =>
      import('./unknown-form.js').then(
        (m) => m.notFetched(id, part, e, beside('./forms/index.json')),
        () => {
          throw e;
        },
      ),
  );
}

/** Models built per schema bundle: a bundle is immutable, and a page may show the same form more than once. */
const models = new WeakMap<SchemaBundle, FormModel>();
/**
 * A catalog form's part (its model, its validator), loaded once per page and shared by every element showing the
 * form; a failed load is forgotten so that the next element tries again.
 */
function loadedOnce<T>(cache: Map<string, Promise<T>>, id: string, load: () => Promise<T>): Promise<T> {
  let loaded = cache.get(id);
  if (!loaded) {
    cache.set(id, (loaded = load()));
    loaded.catch(() => cache.delete(id));
  }
  return loaded;
}
const catalogModels = new Map<string, Promise<FormModel>>();
const catalogValidators = new Map<string, Promise<Validator | undefined>>();

/**
 * A catalog form's model, hydrated by the form session's code (checking.ts), which every form fetches anyway: fetched
 * beside the model rather than after it, and `komek.js` holds no model-reading code.
 */
export function catalogModel(id: string): Promise<FormModel> {
  return loadedOnce(catalogModels, id, () =>
    Promise.all([catalogPart(id, 'model'), loadChecking()]).then(([m, code]) =>
      code.hydrateModel(m as SerializedModel),
    ),
  );
}

export function catalogValidator(id: string): Promise<Validator | undefined> {
  return loadedOnce(catalogValidators, id, () => catalogPart(id, 'validator') as Promise<Validator>);
}

/** What a form is loaded from: a catalog id, or a schema bundle; and a validator given instead of the catalog's. */
export interface FormSource {
  id: string | undefined;
  schema: SchemaBundle | undefined;
  validator: Validator | undefined;
}

/**
 * Loading of `<komek-form>`: the form's model (a catalog form's, built by `pnpm gen`, or one built from a schema
 * bundle) and its validator, each fetched once per page; the element's `ready`; the message shown when a form
 * cannot be loaded. A later load supersedes an earlier one still under way (`current()`).
 */
export class FormLoader implements ReactiveController {
  /** The form on screen. */
  model: FormModel | undefined;
  /** Why the form could not be loaded, for the page's developer (the console); the person is told `failure`. */
  error: string | undefined;
  /** What the person is told instead of the form: a form the catalog does not have (its id), or the network. */
  failure: { unknown: string } | 'failed' | undefined;
  /** A form is being loaded: `ready` waits for it. */
  loading = false;
  // Members that are not the controller's interface are `#private`: the minifier shortens those names.
  #host: ReactiveElement;
  #settled: (model: FormModel) => boolean;
  #failing: (current: () => boolean) => Promise<unknown>;
  #token = 0;
  #ready!: Promise<void>;
  #resolve!: () => void;

  /**
   * @param settled whether the form on screen is validated and wholly drawn (`ready` waits for that too)
   * @param failing loads what the failure is worded with (the interface strings), before it is shown
   */
  constructor(
    host: ReactiveElement,
    settled: (model: FormModel) => boolean,
    failing: (current: () => boolean) => Promise<unknown>,
  ) {
    this.#host = host;
    this.#settled = settled;
    this.#failing = failing;
    this.#newReady();
    host.addController(this);
  }

  /** See the element's `ready`. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  #newReady(): void {
    this.#ready = new Promise((resolve) => (this.#resolve = resolve));
  }

  hostUpdated(): void {
    if (this.loading) return;
    if (this.error !== undefined) this.#resolve();
    else if (this.model && this.#settled(this.model)) this.#resolve();
  }

  /** Whether no load has started since this was asked. */
  current(): () => boolean {
    const token = this.#token;
    return () => token === this.#token;
  }

  /**
   * Loads the form of `source` (nothing without one) and hands its model, the validator being fetched and `current`
   * to `prepare`, which puts the form in place (with `loaded`) unless a later load has started. A failure of either
   * is shown as the element's load error.
   */
  async load(
    source: FormSource,
    prepare: (model: FormModel, validating: Promise<Validator | undefined>, current: () => boolean) => Promise<void>,
  ): Promise<void> {
    const token = ++this.#token;
    const current = () => token === this.#token;
    if (this.model || this.error !== undefined) this.#newReady();
    // Until the new form is in place, renders of the one on screen must not resolve the new `ready`.
    this.loading = true;
    const id = source.id;
    if (this.error !== undefined) {
      this.error = this.failure = undefined;
      this.#host.requestUpdate();
    }
    try {
      let model: FormModel;
      let validating: Promise<Validator | undefined>;
      const bundle = source.schema;
      if (bundle) {
        // Building a model from schemas is only needed for bundles given as `schema`: catalog forms come built.
        const built = models.get(bundle) ?? (await import('@komek/core/buildFormModel')).buildFormModel(bundle);
        models.set(bundle, built);
        model = built;
        validating = source.validator ? Promise.resolve(source.validator) : catalogValidator(model.meta.id);
      } else {
        if (!id) {
          this.loading = false;
          return;
        }
        // The validator is fetched while the model is.
        validating = source.validator ? Promise.resolve(source.validator) : catalogValidator(id);
        model = await catalogModel(id);
      }
      // Awaited by `prepare`; a failure of the model's load first must not leave it unhandled.
      validating.catch(() => undefined);
      await prepare(model, validating, current);
    } catch (e) {
      if (!current()) return;
      await this.#failing(current).catch(() => undefined);
      if (!current()) return;
      this.error = e instanceof Error ? e.message : String(e);
      // The developer's detail (which form, which file, the ids close to a mistyped one) goes to the console; the
      // person reads what happened in the form's language.
      console.error(`<komek-form>: ${this.error}`);
      this.failure = (e as { code?: unknown } | null)?.code === 'KOMEK_UNKNOWN_FORM' && id ? { unknown: id } : 'failed';
      this.loading = false;
      this.#host.requestUpdate();
    }
  }

  /** The form is in place. */
  loaded(model: FormModel): void {
    this.model = model;
    this.loading = false;
  }
}
