import { setUpPage } from '../shared/chrome.js';
import { onUiLanguage, t } from '../shared/ui.js';

// Only the demo's chrome lives here; the host page's own code is the snippet in embed.html.
const snippet = document.querySelector<HTMLElement>('#snippet')!;
const form = document.querySelector<HTMLElement>('#example komek-form')!;

onUiLanguage((lang) => {
  // The embedded form speaks the interface language too; the snippet shows the attribute as it is.
  form.setAttribute('lang', lang);
  snippet.textContent = (snippet.textContent ?? '').replace(/(<komek-form[^>]*\slang=")[^"]*"/, `$1${lang}"`);
});

async function copySnippet(): Promise<void> {
  const status = document.querySelector<HTMLElement>('#copied')!;
  try {
    await navigator.clipboard.writeText(snippet.textContent ?? '');
    status.textContent = t('demo.embed.copied');
  } catch {
    getSelection()?.selectAllChildren(snippet);
  }
}

document.querySelector('#copy')!.addEventListener('click', () => void copySnippet());

void setUpPage();
