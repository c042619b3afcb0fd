import { it } from 'vitest';
import { launchFirefoxWithExtension } from '../../../scripts/firefox';
import { startServer } from '../harness';
it('ff probe', async () => {
  const server = await startServer();
  const ff = await launchFirefoxWithExtension();
  try {
    const page = await ff.browser.newPage();
    page.on('console', (m) => console.log('console', m.type(), m.text()));
    await page.goto(`${server.origin}/demo/sample-article.html`);
    await page.waitForFunction(() => document.querySelectorAll('[data-concept-id]').length > 10, { timeout: 20_000 });
    await page.click('[data-concept-id="ncg"]');
    await new Promise((r) => setTimeout(r, 2500));
    for (const f of page.frames()) {
      console.log('frame', f.url());
      console.log(await f.evaluate(() => document.documentElement.outerHTML.slice(0, 300) + ' | ' + document.body?.innerText).catch((e) => 'ERR ' + e));
    }
    await page.screenshot({ path: '/tmp/ff.png' });
  } finally {
    await ff.close();
    await server.close();
  }
}, 120000);
