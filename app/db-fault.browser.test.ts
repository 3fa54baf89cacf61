// The database stops while the dashboard, an event page and a weekly page are open, then comes
// back: the API and the pictures answer 503 meanwhile, each page says so and keeps asking, never
// a 500, and each recovers by itself with no reload and no restart.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, screenshotPath, startAppServer, type AppServer } from '@/scripts/testing/app-server';
import { postgresBin, privatePostgres, type PrivatePostgres } from '@/scripts/testing/private-pg';

describe.runIf(process.env.DATABASE_URL && postgresBin())('the server database stops and starts under an open dashboard', () => {
  let pg: PrivatePostgres;
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    pg = await privatePostgres();
    // An empty database: the start script loads the bundled sample into it.
    app = await startAppServer({ database: { url: pg.url } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await pg?.destroy();
  });

  test('503 while it is away, a message on the page, and recovery by itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.url);
    await page.waitForSelector('[data-testid="map"] path[data-country="VE"][data-count="1"]');

    await pg.stop();
    const down = await fetch(`${app.url}/api/stats/countries?country=VE`);
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/json/);
    expect(down.headers.get('retry-after')).toBeTruthy();
    expect((await down.json()).error).toMatch(/database is unavailable/);
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(503);

    // A new view while it is away: the panels say the database is unavailable.
    await page.click('[data-testid="map"] path[data-country="VE"]');
    await page.waitForURL(/country=VE/);
    await page.waitForSelector('[role="alert"]:has-text("The database is unavailable")', { timeout: 20_000 });
    await page.screenshot({ path: screenshotPath('database-away'), fullPage: true });

    await pg.start();
    // No reload: the page asks again by itself and shows the view.
    await expect
      .poll(() => page.$$eval('[data-testid="timeline"] [data-testid="event"]', (es) => es.length), { timeout: 30_000, interval: 500 })
      .toBe(1);
    await expect.poll(() => page.$$('[role="alert"]:has-text("The database is unavailable")').then((a) => a.length), { timeout: 30_000 }).toBe(0);
    expect((await fetch(`${app.url}/api/stats/countries?country=VE`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    await page.close();
  });

  test('the event and weekly pages say the database is away, never a 500, and come back by themselves', async () => {
    const { events } = (await (await fetch(`${app.url}/api/events?limit=1`)).json()) as { events: { id: number; title: string }[] };
    const eventUrl = `${app.url}/events/${events[0]!.id}`;
    const weeklyUrl = `${app.url}/weekly/2023-W38`;
    const eventPage = await browser.newPage();
    const weeklyPage = await browser.newPage({ viewport: { width: 1300, height: 800 } });
    await eventPage.goto(eventUrl);
    await eventPage.waitForSelector(`[data-testid="event"][data-event-id="${events[0]!.id}"]`);
    await weeklyPage.goto(weeklyUrl);
    await weeklyPage.waitForSelector('[data-testid="weekly-card"]');

    await pg.stop();
    const away = /The database is unavailable right now; asking again every few seconds/;
    for (const url of [eventUrl, weeklyUrl, `${app.url}/weekly`]) {
      const res = await fetch(url);
      // Next.js fixes a page's status before its data is read: the page says it instead of a 500.
      expect(res.status, url).not.toBe(500);
      expect(await res.text(), url).toMatch(away);
    }
    const png = await fetch(`${weeklyUrl}/image.png`);
    expect(png.status).toBe(503);
    expect(png.headers.get('retry-after')).toBeTruthy();

    // Pages opened while it is away, and pages already open that ask again (a navigation).
    await eventPage.reload();
    await weeklyPage.goto(weeklyUrl);
    for (const p of [eventPage, weeklyPage]) await p.waitForSelector('[role="alert"]:has-text("The database is unavailable")');
    expect(await eventPage.$('meta[name="robots"][content*="noindex"]')).not.toBeNull();
    await weeklyPage.screenshot({ path: screenshotPath('weekly-database-away') });

    await pg.start();
    // No reload: each page asks the server again by itself and shows its data in place of the message.
    await eventPage.waitForSelector(`[data-testid="event"][data-event-id="${events[0]!.id}"]`, { timeout: 30_000 });
    await weeklyPage.waitForSelector('[data-testid="weekly-card"]', { timeout: 30_000 });
    for (const p of [eventPage, weeklyPage]) expect(await p.$('[role="alert"]:has-text("The database is unavailable")')).toBeNull();
    expect((await fetch(`${weeklyUrl}/image.png`)).status).toBe(200);
    await eventPage.close();
    await weeklyPage.close();
  });
});
