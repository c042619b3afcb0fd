import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { corpusPlugin } from './scripts/corpus-plugin';
import { manifestCommands } from './lib/commands';

// Least privilege: every permission below is used by a feature.
//  storage          – settings (WXT storage)
//  unlimitedStorage – notes are the reader's data; never evict them
//  contextMenus     – "Add note" on a text selection
//  sidePanel        – Chrome side panel (Firefox uses sidebar_action)
export default defineConfig({
  modules: [],
  // Explicit imports everywhere: a reader of any file sees where each name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact(), corpusPlugin()],
  }),
  manifest: ({ browser }) => ({
    name: 'Alliance Lens',
    description:
      'Highlights US–South Korea alliance concepts on any page, explains them from a bundled corpus, and keeps your notes private.',
    default_locale: 'en',
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
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
