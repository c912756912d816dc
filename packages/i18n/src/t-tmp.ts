import { exportLanguage, exportRows, importLanguage, parseXml, toCsv } from './node/index.js';
let t = performance.now();
const lap = (l: string) => { const n = performance.now(); console.log(l, (n - t).toFixed(0), 'ms'); t = n; };
exportRows('ru'); lap('exportRows');
const x = exportLanguage('ru', 'xliff'); lap('export xliff');
parseXml(x); lap('parseXml');
const c = toCsv(exportRows('ru')); lap('csv');
importLanguage('ru', 'r.csv', new TextEncoder().encode(c), { write: false }); lap('import csv');
importLanguage('ru', 'r.xlf', new TextEncoder().encode(x), { write: false }); lap('import xlf');
