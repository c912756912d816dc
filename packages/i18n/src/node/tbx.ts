import type { Language } from '../languages.js';
import type { TermBase } from './termbase.js';
import { escapeXml } from './xml.js';

/**
 * The term base as TBX-Basic (TBX 2, ISO 30042:2008 `martif`), which CAT tools (Trados MultiTerm, memoQ, Phrase,
 * OmegaT) import: one termEntry per term with its definition; per language the approved term
 * (`preferredTerm-admn-sts`) with its source and note, and each forbidden variant (`deprecatedTerm-admn-sts`) with why.
 * `languages` limits the translated languages exported (English is always there). No DOCTYPE: the TBX-Basic DTD is
 * not shipped, and the file's readers (and ours) need none.
 */
export function toTbx(base: TermBase, languages: readonly Language[]): string {
  const a = (s: string) => escapeXml(s, true);
  const t = (s: string) => escapeXml(s);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<martif type="TBX-Basic" xml:lang="en">',
    '  <martifHeader>',
    '    <fileDesc>',
    `      <titleStmt><title>${t(base.$meta.title)}</title></titleStmt>`,
    `      <sourceDesc><p>${t(base.$meta.description)} (version ${t(base.$meta.version)})</p></sourceDesc>`,
    '    </fileDesc>',
    '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>',
    '  </martifHeader>',
    '  <text>',
    '    <body>',
  ];
  for (const term of base.terms) {
    out.push(`      <termEntry id="${a(term.id)}">`);
    out.push(`        <descrip type="definition">${t(term.definition)}</descrip>`);
    out.push(`        <langSet xml:lang="en">`, '          <tig>', `            <term>${t(term.en.term)}</term>`);
    out.push(
      '            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>',
      '          </tig>',
      '        </langSet>',
    );
    for (const lang of languages) {
      const l = term.languages[lang];
      if (!l || lang === 'en') continue;
      const source = base.sources[l.source];
      out.push(`        <langSet xml:lang="${a(lang)}">`, '          <tig>', `            <term>${t(l.term)}</term>`);
      out.push('            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>');
      out.push(`            <admin type="source">${t(source ? source.title : l.source)}</admin>`);
      if (l.note) out.push(`            <note>${t(l.note)}</note>`);
      out.push('          </tig>');
      for (const f of l.forbidden ?? []) {
        out.push('          <tig>', `            <term>${t(f.term)}</term>`);
        out.push('            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>');
        out.push(`            <note>${t(f.why)}</note>`, '          </tig>');
      }
      out.push('        </langSet>');
    }
    out.push('      </termEntry>');
  }
  out.push('    </body>', '  </text>', '</martif>', '');
  return out.join('\n');
}
