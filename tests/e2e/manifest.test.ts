/** The built manifests ask for no more than the features use. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';
import { manifestCommands } from '../../lib/commands';

const read = (target: string) => JSON.parse(readFileSync(join(ROOT, '.output', target, 'manifest.json'), 'utf8'));

describe.each([
  ['chrome-mv3', ['storage', 'unlimitedStorage', 'contextMenus', 'sidePanel']],
  ['firefox-mv2', ['storage', 'unlimitedStorage', 'contextMenus']],
])('%s manifest', (target, expectedPermissions) => {
  const manifest = read(target);

  it('asks only for the permissions features use', () => {
    const permissions = (manifest.permissions as string[]).filter((p) => !p.includes('://') && p !== '<all_urls>');
    expect(permissions.sort()).toEqual([...expectedPermissions].sort());
  });

  it('asks for no host permission at install: web origins are optional, requested one site at a time by the PDF reader', () => {
    expect(manifest.host_permissions).toBeUndefined();
    expect((manifest.permissions as string[]).filter((p) => p.includes('://') || p === '<all_urls>')).toEqual([]);
    const optional = target === 'chrome-mv3' ? manifest.optional_host_permissions : manifest.optional_permissions;
    expect(optional).toEqual(['http://*/*', 'https://*/*']);
  });

  it('loads no remote code and exposes to the web only the notes frame', () => {
    expect(manifest.externally_connectable).toBeUndefined();
    // Chrome: reachable only through the per-session dynamic URL; Firefox MV2 takes a list of paths.
    expect(manifest.web_accessible_resources).toEqual(
      target === 'chrome-mv3'
        ? [{ resources: ['notes-frame.html'], matches: ['<all_urls>'], use_dynamic_url: true }]
        : ['notes-frame.html'],
    );
    const csp = JSON.stringify(manifest.content_security_policy ?? '');
    expect(csp).not.toMatch(/https?:|unsafe-eval/);
  });

  it('runs the content script on every page, in every frame, when the page is idle, and injects no stylesheet into pages', () => {
    const [script] = manifest.content_scripts;
    expect(script.matches).toEqual(['<all_urls>']);
    expect(script.all_frames).toBe(true);
    expect(script.run_at).toBe('document_idle');
    // Highlights are painted (their ::highlight() rules are adopted); the card's styles live in its closed root.
    expect(script.css).toBeUndefined();
  });

  it('declares the keyboard shortcuts of lib/commands.ts, none on Alt+Shift+N (reserved in Chromium)', () => {
    expect(Object.keys(manifest.commands).sort()).toEqual([
      'add-passage-note',
      'next-highlight',
      'previous-highlight',
      'toggle-highlights',
    ]);
    expect(manifest.commands).toEqual(manifestCommands());
    expect(JSON.stringify(manifest.commands)).not.toContain('Alt+Shift+N');
  });

  it('declares the dashboard as the options page, opened in a tab', () => {
    expect(manifest.options_ui).toEqual({ page: 'dashboard.html', open_in_tab: true });
  });
});

describe('firefox-specific settings', () => {
  it('has a gecko id, a matching minimum version and declares no data collection', () => {
    const gecko = read('firefox-mv2').browser_specific_settings.gecko;
    expect(gecko.id).toMatch(/@/);
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    // data_collection_permissions is understood from Firefox 140 on desktop and 142 on Android.
    expect(Number.parseFloat(gecko.strict_min_version)).toBeGreaterThanOrEqual(142);
  });
});
