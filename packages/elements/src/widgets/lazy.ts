import { kindIs, rankWith } from '@komek/core';
import type { WidgetDeclaration } from '../registry.js';

/**
 * What the widgets drawn by chunks of their own are (`lazyWidget` in widgets/index.ts): declared here, in
 * `komek.js`, so that the registry resolves their nodes before their code is fetched. Each widget's file spreads its
 * declaration into its renderer. Only widgets that most forms lack belong here (the tables are in 7 of the 26
 * catalog forms): a widget every form has (dates) is cheaper in `komek.js` than fetched as a file of its own.
 */

/** The table of a needs assessment (needs-table.ts). */
export const needsTableDeclared: WidgetDeclaration = {
  name: 'needsTable',
  tester: rankWith(1, kindIs('needsTable')),
  redraw: 'subtree',
};

/** The table of an individual plan (plan-table.ts). */
export const planTableDeclared: WidgetDeclaration = {
  name: 'planTable',
  tester: rankWith(1, kindIs('planTable')),
  redraw: 'subtree',
};
