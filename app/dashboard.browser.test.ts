// The dashboard in a real Chromium against a production build serving the bundled sample.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, screenshotPath, startAppServer, type AppServer } from '@/scripts/testing/app-server';
import { dbKind } from '@/scripts/testing/db';
import { readPng } from '@/scripts/testing/png';

describe(`the dashboard in Chromium on the ${dbKind} database`, () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let countries: { code: string; count: number }[];

  beforeAll(async () => {
    app = await startAppServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    countries = await (await fetch(`${app.url}/api/stats/countries`)).json();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('the map shades the counterpart countries and the charts show the right counts', async () => {
    await page.goto(app.url);
    await page.waitForSelector('[data-testid="map"] path[data-country="VE"]');
    expect(countries.map((c) => c.code)).toEqual(expect.arrayContaining(['VE', 'JO', 'HN', 'YE']));
    const shaded = await page.$$eval('[data-testid="map"] path[data-country]', (paths) =>
      paths.filter((p) => Number(p.getAttribute('data-count')) > 0).map((p) => p.getAttribute('data-country')),
    );
    // Every counterpart with a shape on the map is shaded, and nothing else is.
    expect([...new Set(shaded)].sort()).toEqual(countries.map((c) => c.code).filter((c) => shaded.includes(c)).sort());
    expect(shaded).toEqual(expect.arrayContaining(['VE', 'JO', 'HN', 'YE']));
    expect(await page.getAttribute('[data-testid="map"] path[data-country="VE"]', 'data-count')).toBe(String(countries.find((c) => c.code === 'VE')?.count));

    const headline = await (await fetch(`${app.url}/api/stats/headline`)).json();
    await expect.poll(() => page.textContent('[data-testid="headline-contacts"] [data-testid="value"]')).toBe(String(headline.current.contacts));

    await page.click('[data-testid="chart-countries"] button:has-text("Table")');
    const rows = await page.$$eval('[data-testid="chart-countries"] table tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(countries.length);
    expect(rows.find((r) => r.includes('Venezuela'))).toContain(String(countries.find((c) => c.code === 'VE')?.count));
    await page.screenshot({ path: screenshotPath('dashboard'), fullPage: true });
  });

  test('clicking Venezuela on the map narrows the timeline to the Venezuela meeting and puts it in the URL', async () => {
    await page.goto(app.url);
    // The old timeline stays on screen until the new one has come: wait for its answer, not a time.
    const timeline = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/events' && u.searchParams.get('country') === 'VE' && r.ok();
    });
    await page.click('[data-testid="map"] path[data-country="VE"]');
    await page.waitForURL(/country=VE/);
    await timeline;
    await expect.poll(() => page.$$eval('[data-testid="timeline"] [data-testid="event"]', (es) => es.length), { timeout: 10_000 }).toBe(1);
    const event = page.locator('[data-testid="timeline"] [data-testid="event"]');
    expect(await event.getAttribute('data-date')).toBe('2023-09-20');
    const id = await event.getAttribute('data-event-id');

    // The same URL in a new page opens the same view.
    const other = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const asked: string[] = [];
    other.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) asked.push(path);
    });
    await other.goto(page.url(), { waitUntil: 'networkidle' });
    // Its first view is read on the server and handed to the panels' queries: the timeline and
    // every chart are in the page, and the browser asks the API for none of them.
    await expect.poll(() => other.$$eval('[data-testid="timeline"] [data-testid="event"]', (es) => es.map((e) => e.getAttribute('data-event-id'))), { timeout: 10_000 }).toEqual([id]);
    expect(await other.textContent('[data-testid="headline-contacts"] [data-testid="value"]')).toBe('1');
    expect(asked).toEqual([]);
    await other.close();

    // Its source posts expand, in both languages.
    await event.locator('[data-testid="event-expand"]').click();
    await page.waitForSelector('[data-testid="source-post"][lang="ru"]');
    await page.waitForSelector('[data-testid="source-post"][lang="en"]');
    expect(await page.textContent('[data-testid="source-post"][lang="ru"]')).toMatch(/Венесуэл/);
    await page.screenshot({ path: screenshotPath('dashboard-venezuela'), fullPage: true });

    // Back steps out of the filter.
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('country=VE'));
  });

  test('the map deselects on a second click; the bars answer the keyboard from one tab stop', async () => {
    await page.goto(app.url, { waitUntil: 'networkidle' });
    await page.click('[data-testid="map"] path[data-country="VE"]');
    await page.waitForURL(/country=VE/);
    await page.click('[data-testid="map"] path[data-country="VE"]');
    await page.waitForURL((u) => !u.searchParams.has('country'));

    const chart = page.locator('[data-testid="chart-countries"] [data-testid="ranked-chart"]');
    await chart.focus();
    // Nothing inside the chart takes the focus on its own: the next Tab leaves it.
    expect(await chart.evaluate((el) => el.querySelectorAll('[tabindex]:not([tabindex="-1"]), a, button').length)).toBe(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = await chart.getAttribute('data-active');
    expect(second).toMatch(/^[A-Z]{2}$/);
    await page.keyboard.press('ArrowUp');
    const first = await chart.getAttribute('data-active');
    expect(first).not.toBe(second);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`country=${first}`));
  });

  test('the filter lists hold what occurs in the data, with counts, asked for when opened', async () => {
    await page.goto(app.url, { waitUntil: 'networkidle' });
    const countries = await (await fetch(`${app.url}/api/stats/countries?limit=250`)).json();
    await page.click('button.fb-button:has-text("Countries")');
    await expect.poll(() => page.$$eval('.popover [role="option"]', (os) => os.length)).toBe(countries.length);
    const first = await page.textContent('.popover [role="option"] .option-label');
    const top = countries[0];
    expect(await page.textContent('.popover [role="option"] .option-count')).toBe(String(top.count));
    expect(first).toBeTruthy();
    await page.keyboard.press('Escape');
  });

  test('a search by the start of a word finds the event and marks the word in the timeline', async () => {
    await page.goto(`${app.url}/?q=Venez`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.$$eval('[data-testid="timeline"] [data-testid="event"]', (es) => es.length)).toBe(1);
    // In its source posts, the searched start of the word is marked, apart from the evidence.
    await page.click('[data-testid="timeline"] [data-testid="event-expand"]');
    await expect
      .poll(() => page.$$eval('[data-testid="timeline"] mark.is-search', (ms) => ms.some((m) => (m.textContent ?? '').startsWith('Venez'))), { timeout: 10_000 })
      .toBe(true);
  });

  test('the numbers say what they count and what they are compared with', async () => {
    // All time: nothing before the data to compare with, and one line relates the tiles to the header.
    await page.goto(app.url, { waitUntil: 'networkidle' });
    expect(await page.textContent('[data-testid="headline-contacts"] .tile-label')).toBe('Contacts');
    expect(await page.locator('.tile-change').count()).toBe(0);
    expect(await page.textContent('[data-testid="reconcile"]')).toMatch(/^\d+ posts? of the \d+ stored reports? (this|these) \d+ contacts?\. In all, the posts report \d+ events?/);
    expect(await page.title()).toBe('Sidelines');

    // One type: the tile and the type button are named after it, and so is the tab.
    await page.goto(`${app.url}/?type=statement`, { waitUntil: 'networkidle' });
    expect(await page.textContent('[data-testid="headline-contacts"] .tile-label')).toBe('Statements');
    expect(await page.textContent('button.fb-button:has-text("Type")')).toContain('Type: Statement');
    expect(await page.title()).toBe('Sidelines · Statement');

    // A day whose day before has data: compared with that day, by name.
    await page.goto(`${app.url}/?from=2023-09-21&to=2023-09-21`, { waitUntil: 'networkidle' });
    expect(await page.textContent('[data-testid="headline-contacts"] .tile-change')).toContain('vs 20 Sep 2023');
    expect(await page.title()).toBe('Sidelines · 21 Sep 2023');
  });

  test('a chart downloads as a PNG picture of its view, in the page\'s theme', async () => {
    await page.goto(`${app.url}/?country=VE`);
    const link = page.locator('[data-testid="chart-countries"] [data-testid="png"]');
    expect(await link.getAttribute('href')).toBe('/api/chart/countries?country=VE&theme=light');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^sidelines-.*\.png$/);
    const info = readPng((await import('node:fs')).readFileSync(await download.path()));
    expect(info).toMatchObject({ width: 1200, height: 675 });
    expect([...info.histogram].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('#ffffff');

    // In the dark theme the picture is the dark one.
    const dark = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    await dark.goto(`${app.url}/?country=VE`);
    await expect.poll(() => dark.getAttribute('[data-testid="chart-map"] [data-testid="png"], .span-map [data-testid="png"]', 'href')).toBe('/api/chart/map?country=VE&theme=dark');
    const res = await fetch(`${app.url}/api/chart/map?country=VE&theme=dark`);
    const pic = readPng(Buffer.from(await res.arrayBuffer()));
    expect([...pic.histogram].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('#1a1f25');
    await dark.close();
  });

  test('a shared link unfurls: the Open Graph image of a filtered view renders', async () => {
    await page.goto(`${app.url}/?topic=middle_east`);
    const og = await page.getAttribute('meta[property="og:image"]', 'content');
    expect(og).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/preview\?topic=middle_east$/);
    expect(await page.getAttribute('meta[name="twitter:card"]', 'content')).toBe('summary_large_image');
    const res = await fetch(og!);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(readPng(Buffer.from(await res.arrayBuffer()))).toMatchObject({ width: 1200, height: 675 });
  });

  test('the weekly summary of 2023-W38 shows the week\'s counts; a bad week is a 404 with a message', async () => {
    const week = await (await fetch(`${app.url}/api/stats/headline?from=2023-09-18&to=2023-09-24`)).json();
    const weekly = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const res = await weekly.goto(`${app.url}/weekly`);
    expect(res?.url()).toMatch(/\/weekly\/2023-W38$/);
    const card = weekly.locator('[data-testid="weekly-card"]');
    expect(await card.getAttribute('data-contacts')).toBe(String(week.current.contacts));
    expect(await card.textContent()).toContain(`${week.current.countries} countries`);
    expect(await card.textContent()).toContain('Venezuela');
    await card.screenshot({ path: screenshotPath('weekly-2023-W38') });

    // On a phone the card is scaled to the screen: all of it in view, nothing off either edge.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${app.url}/weekly/2023-W38`, { waitUntil: 'networkidle' });
    await expect.poll(() => phone.getAttribute('[data-testid="fit-frame"]', 'data-scale')).toMatch(/^0\.\d+/);
    const box = (await phone.locator('[data-testid="weekly-card"]').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.width).toBeGreaterThan(300);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.close();

    const bad = await weekly.goto(`${app.url}/weekly/2023-W60`);
    expect(bad?.status()).toBe(404);
    expect(await weekly.textContent('main')).toMatch(/No such week/);
    await weekly.close();
  });
});
