/**
 * `npm run demo`: builds the Chrome extension, serves the bundled sample
 * article on 127.0.0.1, opens it in Chromium with the extension loaded, opens
 * a card, and writes a screenshot plus a summary of the concepts found to
 * demo-output/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, ROOT, launchWithExtension, startServer } from './browser';
import { openCard, paintedMentions, termBox, waitForPainted } from './extension-ui';

const OUT = join(ROOT, 'demo-output');

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `Chromium was not found at ${CHROMIUM}.\nInstall it with:  sudo apt-get install -y chromium\n(or point CHROME_PATH at a Chromium or Chrome binary).`,
    );
    process.exit(1);
  }
  console.log('Building the Chrome extension…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });

  const server = await startServer();
  const headed = Boolean(process.env.DISPLAY) && !process.env.CI;
  const browser = await launchWithExtension({ headed, viewport: { width: 1280, height: 900 } });
  try {
    const page = await browser.context.newPage();
    const url = `${server.origin}/demo/sample-article.html`;
    await page.goto(url);
    await waitForPainted(page);
    // The highlighter paints what is near the view first: the count is read once it has settled.
    let mentions = await paintedMentions(page);
    for (let settled = 0; settled < 3; ) {
      await page.waitForTimeout(200);
      const again = await paintedMentions(page);
      settled = again.length === mentions.length ? settled + 1 : 0;
      mentions = again;
    }
    const counts: Record<string, number> = {};
    for (const m of mentions) counts[m.conceptId] = (counts[m.conceptId] ?? 0) + 1;

    // Open the card for the SMA mention, as a reader hovering it with the mouse would.
    const term = await termBox(page, 'sma');
    await page.mouse.move(term.x + term.width / 2, term.y + term.height / 2, { steps: 8 });
    for (const deadline = Date.now() + 10_000; !(await openCard(page)); await page.waitForTimeout(100)) {
      if (Date.now() > deadline) throw new Error('The card did not open');
    }
    await page.waitForTimeout(300);

    mkdirSync(OUT, { recursive: true });
    const screenshot = join(OUT, 'sample-article-tooltip.png');
    await page.screenshot({ path: screenshot });
    const summary = { url, totalMentions: mentions.length, concepts: Object.keys(counts).length, counts, mentions };
    writeFileSync(join(OUT, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

    console.log(`\nAlliance Lens found ${mentions.length} mentions of ${Object.keys(counts).length} concepts on ${url}:`);
    for (const [id, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)}  ${id}`);
    console.log(`\nScreenshot with a card open: ${screenshot}\nSummary: ${join(OUT, 'summary.json')}`);
    if (headed) {
      console.log('\nThe browser stays open; press Ctrl+C to quit.');
      await new Promise(() => undefined);
    }
  } finally {
    if (!headed) {
      await browser.close();
      await server.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
