import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages } from './languages.js';
import { childElements, parseXml, textOf } from './node/xml.js';
import {
  checkLocales,
  matchesPattern,
  patternProblem,
  readTermBase,
  termBaseProblems,
  termChecker,
  toTbx,
  type TermBase,
} from './node/index.js';

const translated = languages.map((l) => l.code).filter((l) => l !== 'en');

/** A small term base: the guardianship authority in Russian and Kazakh, with a forbidden variant and an exception. */
function sample(): TermBase {
  return {
    $meta: { title: 'test', description: 'test terms', version: '1' },
    sources: {
      law: { title: 'Code on Marriage and Family', kind: 'law' },
      project: { title: 'Project decision', kind: 'project' },
    },
    terms: [
      {
        id: 'guardianship-authority',
        definition: 'the body for guardianship and trusteeship',
        en: {
          term: 'guardianship authority',
          match: ['guardianship authorit*', 'guardianship agenc*'],
          except: { 'f:skip': 'not this concept' },
        },
        languages: {
          ru: { term: 'орган опеки и попечительства', match: ['орган* опек* и попечительств*'], source: 'law' },
          kk: {
            term: 'қорғаншылық және қамқоршылық органы',
            match: ['қорғаншылық және қамқоршылық орган*'],
            source: 'law',
            forbidden: [{ term: 'қамқорлық органы', match: ['қамқорлық орган*'], why: 'not the official name' }],
          },
        },
      },
      {
        id: 'irregular-migrant',
        definition: 'a migrant without authorised status',
        en: { term: 'irregular migrant', match: ['irregular*'] },
        languages: {
          ru: {
            term: 'мигрант с неурегулированным статусом',
            match: ['неурегулирован* статус*'],
            source: 'project',
            forbidden: [
              {
                term: 'нелегальный мигрант',
                match: ['нелегал*'],
                why: 'calls the person a lawbreaker',
                anywhere: true,
              },
            ],
          },
        },
      },
    ],
  };
}

describe('term patterns', () => {
  it('match stems in any inflection, whole words exactly, words in order with up to two between', () => {
    expect(matchesPattern('представителя органа опеки и попечительства', 'орган* опек* и попечительств*')).toBe(true);
    expect(matchesPattern('Органам Опеки и попечительства', 'орган* опек* и попечительств*')).toBe(true);
    // `и` is a whole word: «или» is not it
    expect(matchesPattern('органа опеки или попечительства', 'орган* опек* и попечительств*')).toBe(false);
    // order counts
    expect(matchesPattern('попечительства и опеки орган', 'орган* опек* и попечительств*')).toBe(false);
    expect(matchesPattern('мигранта, находящегося в уязвимом положении', 'мигрант* в уязвим* положени*')).toBe(true);
    expect(matchesPattern('мигрант в очень-очень сложном и уязвимом положении', 'мигрант* в уязвим* положени*')).toBe(
      false,
    );
    // agglutinative suffixes (Kazakh), izofa (Tajik), ё read as е, okina variants read as ʻ
    expect(matchesPattern('қорғаншылық және қамқоршылық органдарына', 'қорғаншылық және қамқоршылық орган*')).toBe(
      true,
    );
    expect(matchesPattern('намояндаи мақомоти васоят ва парасторӣ', 'мақомот* васоят ва парастор*')).toBe(true);
    expect(matchesPattern('уединённость беседы', 'уединен*')).toBe(true);
    expect(matchesPattern("yo'naltirish", 'yoʻnaltir*')).toBe(true);
    expect(matchesPattern('ota-onasi', 'ota-ona*')).toBe(true);
    expect(matchesPattern('the social and medical services', 'social service*', 0)).toBe(false);
  });

  it('refuses malformed patterns', () => {
    expect(patternProblem('орган* опек*')).toBeUndefined();
    expect(patternProblem('')).toMatch(/empty/);
    expect(patternProblem('*')).toMatch(/letters before \*/);
    expect(patternProblem('орг*ан')).toMatch(/letters/);
    expect(patternProblem('a.b')).toMatch(/letters/);
  });
});

describe('termChecker', () => {
  const check = termChecker(sample()).check;

  it('passes a translation that uses the approved term, inflected', () => {
    expect(
      check(
        'ru',
        'f',
        'k',
        'Дата информирования органов опеки и попечительства',
        'Date the guardianship agencies were informed',
      ),
    ).toEqual([]);
  });

  it('fails a translation of the English term that does not use the approved term, naming term and source', () => {
    const [v] = check(
      'ru',
      'f',
      'k',
      'Дата информирования опекунского совета',
      'Date the guardianship authority was informed',
    );
    expect(v).toMatchObject({ termId: 'guardianship-authority', kind: 'approved' });
    expect(v!.message).toContain('"орган опеки и попечительства" (Code on Marriage and Family)');
  });

  it('fails a forbidden variant where the term is translated, and an `anywhere` one in any string', () => {
    const kk = check('kk', 'f', 'k', 'Қамқорлық органына хабарланды', 'The guardianship authority was informed');
    expect(kk.map((v) => v.kind).sort()).toEqual(['approved', 'forbidden']);
    expect(kk.find((v) => v.kind === 'forbidden')!.message).toMatch(
      /forbidden "қамқорлық органы" \(not the official name\)/,
    );
    const anywhere = check('ru', 'f', 'k', 'Помощь нелегальным мигрантам', 'Help to migrants');
    expect(anywhere).toHaveLength(1);
    expect(anywhere[0]!.message).toMatch(/lawbreaker/);
  });

  it('leaves alone strings whose English does not contain the term, excepted strings, and languages without the term', () => {
    expect(check('ru', 'f', 'k', 'Опекун', 'Guardian')).toEqual([]);
    expect(check('ru', 'f', 'skip', 'что угодно', 'the guardianship authority')).toEqual([]);
    expect(check('tg', 'f', 'k', 'мақомот', 'the guardianship authority')).toEqual([]);
  });

  it('finds the terms in an English text', () => {
    expect(
      termChecker(sample())
        .termsIn('Help for irregular migrants')
        .map((t) => t.id),
    ).toEqual(['irregular-migrant']);
  });
});

describe('termBaseProblems', () => {
  it('finds a missing language, an unknown source, a bad pattern and an approved term its patterns miss', () => {
    const base = sample();
    base.terms[0]!.languages.ru!.source = 'nowhere';
    base.terms[0]!.languages.kk!.match = ['қамқоршылық* органы*x*'];
    base.terms[1]!.languages.ru!.match = ['незаконн*'];
    const problems = termBaseProblems(base, ['ru', 'kk']).join('\n');
    expect(problems).toContain('term "irregular-migrant": no kk term');
    expect(problems).toContain('term "guardianship-authority" ru: unknown source "nowhere"');
    expect(problems).toContain('term "guardianship-authority" kk: "органы*x*": a pattern word is letters');
    expect(problems).toContain(
      'term "irregular-migrant" ru: the approved term "мигрант с неурегулированным статусом" does not match its own patterns',
    );
  });

  it('finds a forbidden variant that matches the approved term', () => {
    const base = sample();
    base.terms[0]!.languages.ru!.forbidden = [{ term: 'орган опеки', match: ['орган* опек*'], why: 'short form' }];
    expect(termBaseProblems(base, ['ru'])).toContain(
      'term "guardianship-authority" ru: forbidden "орган опеки" matches the approved term',
    );
  });
});

describe("the project's term base", () => {
  const base = readTermBase();

  it('is well formed, covers every translated language, and has about forty terms, each with a source', () => {
    expect(termBaseProblems(base, translated)).toEqual([]);
    expect(base.terms.length).toBeGreaterThanOrEqual(40);
    for (const t of base.terms)
      for (const l of translated) expect(base.sources[t.languages[l]!.source], `${t.id} ${l}`).toBeDefined();
  });

  it('names the Code on Marriage and Family for the guardianship authority in Russian and Kazakh', () => {
    const g = base.terms.find((t) => t.id === 'guardianship-authority')!;
    expect(g.languages.ru!.term).toBe('орган опеки и попечительства');
    expect(g.languages.kk!.term).toBe('қорғаншылық және қамқоршылық органы');
    expect(base.sources[g.languages.kk!.source]!.title).toMatch(/Marriage \(Matrimony\) and Family/);
  });

  it('forbids "illegal" and "disorderly" for irregular migrants in every language, in any string', () => {
    const irregular = base.terms.find((t) => t.id === 'irregular-migrant')!;
    for (const l of translated) {
      const f = irregular.languages[l]!.forbidden ?? [];
      expect(
        f.some((v) => v.anywhere && /lawbreaker/.test(v.why)),
        l,
      ).toBe(true);
      expect(
        f.some((v) => v.anywhere && /disorderly/.test(v.why)),
        l,
      ).toBe(true);
    }
  });

  it('is enforced by checkLocales on the locale files: a wrong term in a copy of them fails the check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'komek-terms-'));
    try {
      mkdirSync(join(dir, 'en'));
      mkdirSync(join(dir, 'ru'));
      const en = {
        $meta: { language: 'en', namespace: 'ui' },
        a: { text: 'Date the guardianship authority was informed', status: 'source' },
        b: { text: 'Consent to disclosure is given', status: 'source' },
      };
      const ru = {
        $meta: { language: 'ru', namespace: 'ui' },
        a: { text: 'Дата информирования опекунского совета', status: 'draft' },
        b: { text: 'Согласие на раскрытие информации дано', status: 'draft' },
      };
      writeFileSync(join(dir, 'en', 'ui.json'), JSON.stringify(en));
      writeFileSync(join(dir, 'ru', 'ui.json'), JSON.stringify(ru));
      const terms = checkLocales({ dir, fonts: false }).problems.filter((p) => p.check === 'term' && p.lang === 'ru');
      expect(terms.map((p) => `${p.key} ${p.message.slice(0, p.message.indexOf(':'))}`).sort()).toEqual([
        'a guardianship-authority',
        'b disclosure',
        'b disclosure',
      ]);
      expect(terms.find((p) => p.key === 'b' && /forbidden/.test(p.message))!.message).toMatch(
        /«раскрытие»|making the information public/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken term base fails the check instead of being skipped', () => {
    const broken = sample();
    broken.terms[0]!.id = 'Not Kebab';
    const problems = checkLocales({ fonts: false, termBase: broken }).problems.filter((p) => p.check === 'termbase');
    expect(problems.map((p) => p.message)).toContain('term "Not Kebab": id must be kebab-case');
  });
});

describe('toTbx', () => {
  it('writes TBX-Basic that an XML parser reads back: a termEntry per term, preferred and deprecated terms per language', () => {
    const xml = toTbx(sample(), ['ru', 'kk']);
    const root = parseXml(xml);
    expect(root.name).toBe('martif');
    expect(root.attrs.type).toBe('TBX-Basic');
    const body = childElements(childElements(root, 'text')[0]!, 'body')[0]!;
    const entries = childElements(body, 'termEntry');
    expect(entries.map((e) => e.attrs.id)).toEqual(['guardianship-authority', 'irregular-migrant']);
    const langSets = childElements(entries[0]!, 'langSet');
    expect(langSets.map((l) => l.attrs['xml:lang'])).toEqual(['en', 'ru', 'kk']);
    const kk = childElements(langSets[2]!, 'tig');
    const status = (tig: (typeof kk)[number]) => textOf(childElements(tig, 'termNote')[0]!);
    expect(kk.map((t) => [textOf(childElements(t, 'term')[0]!), status(t)])).toEqual([
      ['қорғаншылық және қамқоршылық органы', 'preferredTerm-admn-sts'],
      ['қамқорлық органы', 'deprecatedTerm-admn-sts'],
    ]);
    expect(textOf(childElements(kk[0]!, 'admin')[0]!)).toBe('Code on Marriage and Family');
    // a language without the term has no langSet; only the languages asked for are written
    expect(childElements(entries[1]!, 'langSet').map((l) => l.attrs['xml:lang'])).toEqual(['en', 'ru']);
    expect(toTbx(sample(), ['kk'])).not.toContain('xml:lang="ru"');
  });

  it('escapes markup in terms and notes', () => {
    const base = sample();
    base.terms[0]!.definition = 'a <b> & "c"';
    const xml = toTbx(base, ['ru']);
    expect(xml).toContain('a &lt;b&gt; &amp; "c"');
    expect(() => parseXml(xml)).not.toThrow();
  });
});
