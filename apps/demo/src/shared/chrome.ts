import { isLanguage, type Language } from '@komek/i18n';
import { fillLanguageSelect, initialLanguage, isUnreviewed, onUiLanguage, setUiLanguage, t } from './ui.js';
// Noto Sans, served from this build (nothing is fetched from elsewhere): each script's part loads only when a page
// uses it (the stylesheets' unicode-range), so Cyrillic, Latin with ʻ and the rest cost only what a language needs.
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import './demo.css';

/**
 * Wires the header every page shares: the interface-language picker, the current page marked in the navigation,
 * and the note on unreviewed translations. Resolves once the page is in the chosen language.
 */
export async function setUpPage(namespaces: readonly string[] = []): Promise<Language> {
  const select = document.querySelector<HTMLSelectElement>('#ui-lang');
  const note = document.querySelector<HTMLElement>('#unreviewed');
  const here = location.pathname.split('/').pop() || 'index.html';
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.site a')) {
    if (a.getAttribute('href') === `./${here}` || (here === 'index.html' && a.getAttribute('href') === './')) {
      a.setAttribute('aria-current', 'page');
    }
  }
  const lang = initialLanguage();
  onUiLanguage((l) => {
    if (select) fillLanguageSelect(select, l);
    if (note) {
      note.hidden = !isUnreviewed(l);
      note.textContent = t('demo.unreviewed');
    }
  });
  select?.addEventListener('change', () => {
    if (isLanguage(select.value)) void setUiLanguage(select.value, namespaces);
  });
  await setUiLanguage(lang, namespaces);
  return lang;
}
