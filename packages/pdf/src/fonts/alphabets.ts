/**
 * The letters a person may type into a blank form, per language, and the digits and punctuation every language
 * shares. A blank fillable form embeds all of them, whichever languages it is printed in, so a viewer can show
 * what is typed into any field.
 */
export const alphabets = {
  en: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  ru: 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя',
  kk: 'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя',
  ky: 'АБВГДЕЁЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя',
  tg: 'АБВГҒДЕЁЖЗИӢЙКҚЛМНОПРСТУӮФХҲЧҶШЪЭЮЯабвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя',
  // Uzbek in Latin script: oʻ and gʻ are written with U+02BB, the tutuq belgisi (ʼ) with U+02BC.
  uz: 'ABCDEFGHIJKLMNOPQRSTUVXYZabcdefghijklmnopqrstuvxyzʻʼ',
} as const;

/** Digits, ASCII punctuation and the typographic marks the forms and their translations use. */
export const punctuation = '0123456789 !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~«»„“”‘’‚–—…№°§•·×±✓\u00a0';

/** Every character a blank form's field font must hold: the union of the six alphabets and the punctuation. */
export const fieldCharacters: string = [...new Set([...Object.values(alphabets).join(''), ...punctuation])].join('');
