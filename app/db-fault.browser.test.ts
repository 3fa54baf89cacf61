// The database stops while the dashboard is open, then comes back: the API answers 503 with a
// JSON error meanwhile, the page says so and keeps asking, and it recovers with no restart.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, screenshotPath, startAppServer, type AppServer } from '@/lib/testing/app-server';
import { postgresBin, privatePostgres, type PrivatePostgres } from '@/lib/testing/private-pg';

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
});
