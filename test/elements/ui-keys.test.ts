import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { elementUiKeys } from '../../packages/elements/vite.config.js';

describe('elementUiKeys (which ui.json strings the element builds carry)', () => {
  it('keeps what the element, core and the messages runtime show; leaves the demo, desk and paper strings out', () => {
    const keep = elementUiKeys();
    for (const key of ['submit', 'yes', 'consent.missing', 'marks.derived', 'draftRestored', 'error.text'])
      expect(keep(key), key).toBe(true);
    for (const key of ['error.minLength_few', 'type.string', 'format.date', 'enum.other', 'field.notes'])
      expect(keep(key), key).toBe(true);
    for (const key of ['demo.nav.label', 'pdf.continues', 'pageXofY', 'country.KZ', 'condition.fillInIf'])
      expect(keep(key), key).toBe(false);
  });

  const dir = mkdtempSync(join(tmpdir(), 'komek-ui-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads any way of writing a key: a call, a template prefix, a `ui:` key; not in tests', () => {
    mkdirSync(join(dir, 'widgets'));
    writeFileSync(join(dir, 'widgets', 'w.ts'), "html`${ctx.ui('brandNew', 'New')} ${t(`notice.${kind}`)}`;\n");
    writeFileSync(join(dir, 'core.ts'), "const k = 'ui:hintText';\n");
    writeFileSync(join(dir, 'w.test.ts'), "ctx.ui('onlyInATest', 'x');\n");
    const keep = elementUiKeys([dir]);
    expect(keep('brandNew')).toBe(true);
    expect(keep('notice.expired')).toBe(true);
    expect(keep('hintText')).toBe(true);
    expect(keep('brandNew_other')).toBe(true);
    expect(keep('onlyInATest')).toBe(false);
    expect(keep('submit')).toBe(false);
  });
});
