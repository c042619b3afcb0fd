/**
 * Serves pages on 127.0.0.1 and starts Debian's Chromium with the built
 * extension loaded, through playwright-core. Shared by the demo, the
 * end-to-end tests and the benchmark.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { SHARED } from './shared';
import { DEFAULT_SETTINGS } from '../lib/settings-model';

export const ROOT = resolve(import.meta.dirname, '..');
/** ALLIANCE_LENS_CHROME_BUILD points the tests at another build (an older one, for before/after numbers). */
export const CHROME_BUILD = process.env.ALLIANCE_LENS_CHROME_BUILD ?? join(ROOT, '.output/chrome-mv3');
export const DEV_PAGES = join(SHARED, 'dev-pages');
export const CONTRAST_PAGES = join(ROOT, 'tests/fixtures/contrast');
export const KOREAN_PAGES = join(ROOT, 'tests/fixtures/ko');
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** Where tests put screenshots and other outputs: ignored by git, so `npm test` leaves the tree clean. */
export const TEST_OUTPUT = join(ROOT, 'test-output');
/**
 * Where screenshots meant for the README go: docs/screenshots when asked for (`npm run screenshots`
 * sets ALLIANCE_LENS_SCREENSHOTS=docs), else beside the other test outputs.
 */
export const SCREENSHOTS =
  process.env.ALLIANCE_LENS_SCREENSHOTS === 'docs' ? join(ROOT, 'docs/screenshots') : join(TEST_OUTPUT, 'screenshots');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface PageServer {
  origin: string;
  /** Every path requested, in order: proves what the browser fetched. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves /dev/<file> from ../shared/dev-pages/pages, /contrast/<file> from tests/fixtures/contrast/pages, /ko/<file> from tests/fixtures/ko/pages,
 * /fixtures/<file> from tests/fixtures/pages and /demo/<file> from data/demo.
 */
export async function startServer(extra: Handler[] = [], host = '127.0.0.1'): Promise<PageServer> {
  const requests: string[] = [];
  const roots: Record<string, string> = {
    dev: join(DEV_PAGES, 'pages'),
    contrast: join(CONTRAST_PAGES, 'pages'),
    ko: join(KOREAN_PAGES, 'pages'),
    fixtures: join(ROOT, 'tests/fixtures/pages'),
    demo: join(ROOT, 'data/demo'),
  };
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    // A browser closed mid-response resets the socket; that is not a test failure.
    res.on('error', () => {});
    for (const handler of extra) if (handler(req, res)) return;
    const [, rootName, ...rest] = (req.url ?? '/').split('?')[0]!.split('/');
    const root = roots[rootName ?? ''];
    const file = root && normalize(join(root, decodeURIComponent(rest.join('/'))));
    if (!root || !file?.startsWith(root) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, host, ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        // A browser still open keeps its connections alive: close() alone would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  /** The welcome tab the extension opened on its first install in this profile (closed at once), if any. */
  welcomeUrl?: string;
  /** Opens an extension page such as "popup.html" or "dashboard.html#/notes". */
  openExtensionPage(path: string): Promise<Page>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export const DEFAULT_VIEWPORT = { width: 1280, height: 900 };

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

export interface LaunchOptions {
  userDataDir?: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** 2 renders as at 200 % zoom (with half the viewport width in CSS pixels). */
  deviceScaleFactor?: number;
  /** Show a window (the demo does when a display is available). */
  headed?: boolean;
  /** Told of each browser call as it starts and ends (Playwright's "api" log). */
  onCall?: (message: string) => void;
}

async function closeWelcomeTab(context: BrowserContext): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const welcome = context.pages().find((p) => p.url().endsWith('/dashboard.html#/welcome'));
    if (welcome) {
      const url = welcome.url();
      await welcome.close();
      return url;
    }
    if (Date.now() > deadline) throw new Error('The extension did not open its welcome page on first install (runtime.onInstalled).');
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** Starts Chromium with the built extension; reuse `userDataDir` to restart with the same profile. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) throw new Error('Build the extension first: npm run build');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROME_PATH)`);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'alliance-lens-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: !options.headed,
    viewport: options.viewport ?? DEFAULT_VIEWPORT,
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: options.deviceScaleFactor,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${CHROME_BUILD}`, `--load-extension=${CHROME_BUILD}`],
    ...(options.onCall && {
      logger: {
        isEnabled: (name: string) => name === 'api',
        log: (_name: string, _severity: string, message: string | Error) => options.onCall!(String(message)),
      },
    }),
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  // A new profile is a first install, and the extension greets it with a welcome tab:
  // close it, so callers start from the pages they open themselves.
  const welcomeUrl = options.userDataDir ? undefined : await closeWelcomeTab(context);
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    welcomeUrl,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the same Chromium, with the same viewport, without the extension: what a page does on its own. */
export async function launchWithoutExtension(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROME_PATH)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: DEFAULT_VIEWPORT, colorScheme: 'light' });
  return { context, close: () => browser.close() };
}

/** Settings as the extension stores them (WXT storage item "local:settings"), patched. */
export async function setSettings(browser: ExtensionBrowser, patch: Record<string, unknown>) {
  await browser.serviceWorker.evaluate(
    async ({ defaults, patch: p }) => {
      // Runs in the extension's service worker, where chrome.* exists.
      const chrome = (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } };
        }
      ).chrome;
      // A fresh profile has stored nothing yet: the patch applies to the extension's defaults.
      const current = (await chrome.storage.local.get('settings')).settings ?? defaults;
      await chrome.storage.local.set({ settings: { ...(current as object), ...p } });
    },
    { defaults: DEFAULT_SETTINGS, patch },
  );
}
