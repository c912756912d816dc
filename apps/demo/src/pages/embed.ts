import { setUpPage } from '../shared/chrome.js';
import { onUiLanguage, t } from '../shared/ui.js';

// Only the demo's chrome lives here; the host page's own code is the snippet in embed.html.
const snippet = document.querySelector<HTMLElement>('#snippet')!;
const form = document.querySelector<HTMLElement>('#example komek-form')!;
const received = document.querySelector<HTMLElement>('#received')!;

onUiLanguage((lang) => {
  // The embedded form speaks the interface language too; the snippet shows the attribute as it is.
  form.setAttribute('lang', lang);
  snippet.textContent = (snippet.textContent ?? '').replace(/(<komek-form[^>]*\slang=")[^"]*"/, `$1${lang}"`);
  if (received.dataset.i18n) received.textContent = t('demo.embed.nothing');
});
// Once something is received, the text is data, not a label to translate.
new MutationObserver(() => {
  if (received.textContent !== t('demo.embed.nothing')) delete received.dataset.i18n;
}).observe(received, { childList: true, characterData: true, subtree: true });

document.querySelector('#copy')!.addEventListener('click', async () => {
  const status = document.querySelector<HTMLElement>('#copied')!;
  try {
    await navigator.clipboard.writeText(snippet.textContent ?? '');
    status.textContent = t('demo.embed.copied');
  } catch {
    getSelection()?.selectAllChildren(snippet);
  }
});

void setUpPage();
