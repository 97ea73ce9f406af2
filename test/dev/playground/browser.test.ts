/**
 * The playground in a real browser: Debian's headless Chromium driven by playwright-core. Types a
 * command like a person, waits for the real bot's reply, checks the rendered Block Kit and that the
 * chart image actually loaded, shares it, opens App Home. Screenshots land in test-artifacts/.
 * Without /usr/bin/chromium the suite is skipped with a message — except in CI, where it fails.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInteger } from '../../../reports/blocks/format.js';
import { lastClosedWeek } from '../../../src/domain/utc-days.js';
import { type PlaygroundStack, startPlaygroundStack } from './playground-harness.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
// The flags that work on this machine kind (docs: node-svc): no sandbox as root, no background traffic.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const haveChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

if (!haveChromium && !inCi) {
  console.warn(
    `Skipping the playground browser tests: ${CHROMIUM} is not installed (apt-get install chromium; CI installs it in .ci/run).`,
  );
}
if (!haveChromium && inCi) {
  describe('playground in headless Chromium', () => {
    it('needs Chromium in CI', () => {
      throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium before npm test`);
    });
  });
}

describe.skipIf(!haveChromium)(
  `playground in headless Chromium${haveChromium ? '' : ` (skipped: no ${CHROMIUM}; apt-get install chromium)`}`,
  () => {
    let stack: PlaygroundStack;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      stack = await startPlaygroundStack({ digests: true, codexApi: true });
      // launch() gives every run a fresh, temporary --user-data-dir of its own.
      browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await mkdir(ARTIFACTS, { recursive: true });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    /** Waits until `selector` (optionally containing `text`) is on the page; returns its inner text. */
    const textOf = async (selector: string, text?: string | RegExp) => {
      const locator = page.locator(selector, text === undefined ? {} : { hasText: text }).first();
      await locator.waitFor({ timeout: 30_000 });
      return (await locator.textContent()) ?? '';
    };
    const imageLoaded = (selector: string) =>
      page.waitForFunction((css) => {
        // Runs in the page: no DOM types in this Node project's tsconfig.
        const img = (globalThis as any).document.querySelector(css) as {
          complete: boolean;
          naturalWidth: number;
        } | null;
        return img?.complete === true && img.naturalWidth > 0;
      }, selector);
    const EPHEMERAL_REPORT = '#messages .msg.msg-is-ephemeral:has(.bk-header)';
    const PUBLIC_REPORT = '#messages .msg:not(.msg-is-ephemeral):has(.bk-header)';

    it('types /codex usage last-week, gets the rendered report with a loaded chart', async () => {
      await page.goto(stack.url);
      expect(await textOf('.banner')).toContain('Local playground — not connected to Slack');
      await page.locator('#status.live').waitFor();
      await page.locator('#input').fill('/codex usage last-week');
      await page.locator('#input').press('Enter');

      const usage = await stack.c.analytics.usage(lastClosedWeek(stack.clock.now()), {
        bucket: 'day',
        surface: null,
      });
      expect(await textOf(`${EPHEMERAL_REPORT} .bk-header`)).toBe('Codex usage · Mon 16 Nov – Sun 22 Nov');
      expect(await textOf(`${EPHEMERAL_REPORT} .bk-fields`)).toContain(
        formatInteger(usage.adoption.activeUsers),
      );
      expect(await textOf(`${EPHEMERAL_REPORT} .msg-ephemeral`)).toContain('Only visible to you');
      expect(await textOf(`${EPHEMERAL_REPORT} button[data-action-id="codex_pulse_share"]`)).toBe(
        'Share to channel',
      );
      // The chart went through the upload flow and is served by the playground: it must really load.
      const chart = `${EPHEMERAL_REPORT} img.bk-image-img`;
      expect(await page.locator(chart).getAttribute('src')).toMatch(/^\/files\/F/);
      await imageLoaded(chart);
      expect(
        await page
          .locator(chart)
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      ).toBeGreaterThan(100);
      // The "Working on it…" placeholder was replaced, not left behind.
      expect(await page.locator('#messages').textContent()).not.toContain('Working on it');
    }, 60_000);

    it('Share to channel posts a public copy (chart added in place) and removes the ephemeral', async () => {
      await page.locator(`${EPHEMERAL_REPORT} button[data-action-id="codex_pulse_share"]`).click();
      expect(await textOf(`${PUBLIC_REPORT} .bk-context`, 'Shared by')).toBe('Shared by @you');
      await page.locator(EPHEMERAL_REPORT).waitFor({ state: 'detached' });
      // postReport posts the text first, uploads the chart into the thread, then chat.update adds the image.
      await imageLoaded(`${PUBLIC_REPORT} img.bk-image-img`);
      await page.locator(`${PUBLIC_REPORT} .msg-replies`).click();
      await imageLoaded('#thread img.msg-file-img');
      // A viewport tall enough for the whole report, scrolled to its top, makes a readable artifact.
      await page.setViewportSize({ width: 1440, height: 1500 });
      await page.locator('#thread-messages .msg-file').scrollIntoViewIfNeeded();
      await page.locator(PUBLIC_REPORT).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
      await page.setViewportSize({ width: 1280, height: 900 });
    }, 60_000);

    it('escapes what people type: markup shows as text and never runs', async () => {
      await page.locator('#input').fill('hello <img src=x onerror="window.pwned=1"> *there*');
      await page.locator('#input').press('Enter');
      expect(await textOf('#messages .msg', 'Codex Pulse answers')).toContain('@Codex Pulse');
      expect(await textOf('#messages .msg', 'hello')).toContain(
        'hello <img src=x onerror="window.pwned=1"> there',
      );
      expect(await page.locator('#messages .msg', { hasText: 'hello' }).locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    }, 30_000);

    it('App Home shows the published home view; its report buttons answer in Messages', async () => {
      await page.locator('.side-item[data-view="home"]').click();
      expect(await textOf('#home .bk-header')).toBe('Codex Pulse');
      expect(await textOf('#home')).toContain('Last complete week');
      await page.screenshot({ path: join(ARTIFACTS, 'playground-home.png') });
      await page.locator('#home button[data-action-id="home_open_report_top"]').click();
      await page.locator('.side-item[data-view="dm"]').click();
      expect(await textOf('#messages .bk-header', /Top Codex users/)).toMatch(/^Top Codex users by credits/);
    }, 60_000);

    it('"Run scheduled digests now" delivers the weekly digest to the channel, exactly once', async () => {
      const button = page.locator('#run-digests');
      expect(await button.isEnabled()).toBe(true);
      await button.click();
      expect(await textOf('#messages .bk-header', 'Codex weekly digest')).toContain('Codex weekly digest');
      expect(await textOf('#toast', 'Delivered')).toContain("Delivered this week's digest to #codex-demo");
      const digest = page.locator('#messages .msg', { hasText: 'Codex weekly digest' });
      await digest.locator('.msg-replies').waitFor();
      await digest.locator('.msg-replies').click();
      expect(await page.locator('#thread-messages .msg').count()).toBeGreaterThan(3);
      await page.screenshot({ path: join(ARTIFACTS, 'playground-digest.png') });
      await button.click();
      expect(await textOf('#toast', 'already')).toContain('delivered exactly once');
      expect(await page.locator('#messages .bk-header', { hasText: 'Codex weekly digest' }).count()).toBe(1);
    }, 60_000);

    it('the Codex API button says what the API is doing, after a reload too, and Start syncs at once', async () => {
      await page.goto(stack.url);
      await page.locator('#status.live').waitFor();
      const button = page.locator('#codex-api');
      expect(await button.textContent()).toBe('Stop the Codex API');
      await button.click();
      expect(await textOf('#toast', 'Codex API stopped')).toContain('A sync just ran and failed');
      expect(await button.textContent()).toBe('Start the Codex API');

      // The page is rebuilt from the server's event stream: the label comes from the API's state.
      await page.reload();
      await page.locator('#status.live').waitFor();
      expect(await button.textContent()).toBe('Start the Codex API');

      // Start: the sync runs now (no cool-down of the client's circuit breaker to wait out) and works.
      await button.click();
      expect(await textOf('#toast', 'running again')).toContain('A sync caught up: synced just now');
      expect(await button.textContent()).toBe('Stop the Codex API');
      await page.reload();
      await page.locator('#status.live').waitFor();
      expect(await button.textContent()).toBe('Stop the Codex API');
    }, 60_000);
  },
);
