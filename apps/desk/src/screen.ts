import type { CSSResult, TemplateResult } from 'lit';
import type { KomekDesk } from './desk.js';
import type { Route } from './router.js';

/**
 * One page of the desk: what it fetches when it is opened (`load`), what it shows (`render`, into the desk's shadow
 * root) and its own styles, added to the desk's. The desk (desk.ts) holds the session, the language and the state
 * the screens share, and passes itself to the screen.
 */
export interface Screen<V extends Route['view']> {
  load?(desk: KomekDesk, route: Extract<Route, { view: V }>): Promise<void>;
  render(desk: KomekDesk, route: Extract<Route, { view: V }>): TemplateResult;
  styles?: CSSResult;
}
