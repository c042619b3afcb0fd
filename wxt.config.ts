import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { corpusPlugin } from './scripts/corpus-plugin';
import { contentMessagesPlugin } from './scripts/content-messages-plugin';
import { manifestCommands } from './lib/commands';

// Least privilege: every permission below is used by a feature.
//  storage          – settings (WXT storage)
//  unlimitedStorage – notes are the reader's data; never evict them
//  contextMenus     – "Add note" on a text selection
//  sidePanel        – Chrome side panel (Firefox uses sidebar_action)
// Optional, never granted at install: web origins, asked for one site at a time
// (permissions.request) when the reader opens a PDF from a server that does not allow it otherwise.
const PDF_ORIGINS = ['http://*/*', 'https://*/*'];

// PDF.js's character maps for Korean fonts that are not embedded (common in
// Korean government PDFs), shipped with the reader: PDF.js reads them from the extension.
const CMAPS = resolve(import.meta.dirname, 'node_modules/pdfjs-dist/cmaps');
const KOREAN_CMAP = /^(Adobe-Korea1|KSC|UniKS)/;
export default defineConfig({
  modules: [],
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const name of readdirSync(CMAPS).filter((f) => KOREAN_CMAP.test(f)))
        files.push({ absoluteSrc: join(CMAPS, name), relativeDest: `pdf-cmaps/${name}` });
    },
  },
  // Explicit imports everywhere: a reader of any file sees where each name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact(), corpusPlugin(), contentMessagesPlugin()],
  }),
  manifest: ({ browser }) => ({
    name: 'Alliance Lens',
    description:
      'Highlights US–South Korea alliance concepts on any page, explains them from a bundled corpus, and keeps your notes private.',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    ...(browser === 'firefox' ? { optional_permissions: PDF_ORIGINS } : { optional_host_permissions: PDF_ORIGINS }),
    // The notes frame (entrypoints/notes-frame) is the one page a web page may embed: Chrome loads it only through a
    // per-session dynamic URL, so a page cannot probe for it; it shows nothing without the content script's handshake.
    web_accessible_resources:
      browser === 'firefox' ? ['notes-frame.html'] : [{ resources: ['notes-frame.html'], matches: ['<all_urls>'], use_dynamic_url: true }],
    commands: manifestCommands(),
    // The dashboard is the options page, so the browser's extension menu offers it (it opens in a tab: it is a full page).
    options_ui: { page: 'dashboard.html', open_in_tab: true },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'alliance-lens@alliance-lens.example',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
          sidebar_action: {
            default_panel: 'sidepanel.html',
            default_title: 'Alliance Lens',
            default_icon: 'icon/32.png',
          },
        }
      : {
          side_panel: { default_path: 'sidepanel.html' },
        }),
  }),
});
