// The dashboard in a real Chromium against a production build serving the bundled sample.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, screenshotPath, startAppServer, type AppServer } from '@/scripts/testing/app-server';
import { dbKind } from '@/scripts/testing/db';
import { readPng } from '@/scripts/testing/png';
import { formatMonth } from '@/lib/domain/calendar';

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

  test('the view can be followed: its Atom feed is linked from the page and the header says how fresh the data is', async () => {
    await page.goto(`${app.url}/?country=VE`);
    const alternate = await page.getAttribute('link[rel="alternate"][type="application/atom+xml"]', 'href');
    expect(alternate).toBe(`${app.url}/feed.xml?country=VE`);
    const follow = page.locator('a:has-text("Follow this view")');
    expect(await follow.getAttribute('href')).toBe('/feed.xml?country=VE');
    const feed = await fetch(new URL(alternate!, app.url));
    expect(feed.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    expect(await feed.text()).toMatch(/<title>Meeting · Venezuela · Sergey Lavrov and Yvan Gil · 20 Sep 2023<\/title>/);
    // The sample's posts have no dates of their own; when it was loaded is said.
    const fresh = page.locator('[data-testid="freshness"]');
    expect(await fresh.count()).toBe(1);
    expect(await fresh.textContent()).toMatch(/^posts without dates · ingested \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
  });

  test('clicking Venezuela on the map narrows the timeline to the Venezuela meeting and puts it in the URL', async () => {
    await page.goto(app.url);
    // The old timeline stays on screen until the new one has come: wait for its answer, not a
    // time (the whole view's, /api/view, which a click asks for once; or the timeline's own).
    const timeline = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return (u.pathname === '/api/view' || u.pathname === '/api/events') && u.searchParams.get('country') === 'VE' && r.ok();
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

  test('the map fills its card with the whole north, zooms to the selected country and back, and by hand', async () => {
    // The drawn land against the card around it and the map's own box, in CSS pixels. A string, not
    // a function: the test runner's transform would leave helpers the page does not have.
    const measure = async (p: Page) =>
      JSON.parse(
        await p.evaluate(`(() => {
          const map = document.querySelector('[data-testid="map"]');
          const box = map.getBoundingClientRect();
          const card = map.closest('.panel').getBoundingClientRect();
          let l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
          for (const s of map.querySelectorAll('path[data-country]')) {
            const q = s.getBoundingClientRect();
            if (!q.width) continue;
            l = Math.min(l, q.left); t = Math.min(t, q.top); r = Math.max(r, q.right); b = Math.max(b, q.bottom);
          }
          const gl = map.querySelector('path[data-country="GL"]').getBoundingClientRect();
          return JSON.stringify({ box: [box.left, box.top, box.right, box.bottom], card: [card.left, card.right], land: [l, t, r, b], greenlandTop: gl.top });
        })()`),
      ) as { box: number[]; card: number[]; land: number[]; greenlandTop: number };
    // The zoom group's transform, as [x, y, scale]; the whole map is [0, 0, 1].
    const transform = async () => {
      const t = (await page.getAttribute('[data-testid="map"] .rsm-zoomable-group', 'transform')) ?? '';
      const m = /translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)\s*scale\(([-\d.e]+)\)/.exec(t);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [];
    };
    const scale = async () => (await transform())[2];
    const isHome = async () => {
      const t = await transform();
      return t.length === 3 && t.every((v, i) => Math.abs(v - [0, 0, 1][i]!) < 1e-6);
    };

    for (const width of [1440, 390]) {
      const p = await browser.newPage({ viewport: { width, height: 900 } });
      await p.goto(app.url, { waitUntil: 'networkidle' });
      await p.waitForSelector('[data-testid="map"] path[data-country="GL"]');
      const m = await measure(p);
      const [bl, bt, br, bb] = m.box as [number, number, number, number];
      const [cl, cr] = m.card as [number, number];
      const [ll, lt, lr, lb] = m.land as [number, number, number, number];
      // Across the card, no band either side; down the box, none above or below.
      expect((lr - ll) / (cr - cl), `land across the card at ${width} px`).toBeGreaterThanOrEqual(0.9);
      expect((lb - lt) / (bb - bt), `land down the map at ${width} px`).toBeGreaterThanOrEqual(0.95);
      // All of it inside the box: the Arctic is not cut off at the top.
      expect(lt).toBeGreaterThanOrEqual(bt - 0.5);
      expect(m.greenlandTop).toBeGreaterThanOrEqual(bt - 0.5);
      expect(ll).toBeGreaterThanOrEqual(bl - 0.5);
      expect(lr).toBeLessThanOrEqual(br + 0.5);
      expect(lb).toBeLessThanOrEqual(bb + 0.5);
      await p.close();
    }

    // A country selected on the map frames it; deselected, the whole map is back.
    await page.goto(app.url, { waitUntil: 'networkidle' });
    await page.waitForSelector('[data-testid="map"] path[data-country="VE"]');
    expect(await isHome()).toBe(true);
    await page.click('[data-testid="map"] path[data-country="VE"]');
    await page.waitForURL(/country=VE/);
    await expect.poll(scale).toBeGreaterThan(2);
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    const ve = (await page.locator('[data-testid="map"] path[data-country="VE"]').boundingBox())!;
    expect(ve.x).toBeGreaterThanOrEqual(box.x);
    expect(ve.x + ve.width).toBeLessThanOrEqual(box.x + box.width);
    expect(ve.y).toBeGreaterThanOrEqual(box.y);
    expect(ve.y + ve.height).toBeLessThanOrEqual(box.y + box.height);
    expect(Math.abs(ve.x + ve.width / 2 - (box.x + box.width / 2))).toBeLessThan(box.width * 0.1);
    await page.screenshot({ path: screenshotPath('dashboard-map-venezuela') });
    await page.click('[data-testid="map"] path[data-country="VE"]');
    await page.waitForURL((u) => !u.searchParams.has('country'));
    await expect.poll(isHome).toBe(true);

    // A link with the selection opens framed on it.
    await page.goto(`${app.url}/?country=JO,YE`, { waitUntil: 'networkidle' });
    await page.waitForSelector('[data-testid="map"] path[data-country="JO"]');
    await expect.poll(scale).toBeGreaterThan(2);

    // By hand: the buttons and the wheel zoom, and the reset button goes home.
    await page.goto(app.url, { waitUntil: 'networkidle' });
    await page.waitForSelector('[data-testid="map"] path[data-country="VE"]');
    await page.click('[data-testid="map"] button[aria-label="Zoom in"]');
    await expect.poll(scale).toBeCloseTo(1.5, 5);
    await page.click('[data-testid="map"] button[aria-label="Zoom out"]');
    await expect.poll(isHome).toBe(true);
    const centre = (await page.locator('[data-testid="map"] svg').boundingBox())!;
    await page.mouse.move(centre.x + centre.width / 2, centre.y + centre.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(scale).toBeGreaterThan(1);
    // The map keeps the view once the wheel gesture has ended (d3-zoom ends it after a pause).
    await expect.poll(async () => Number(await page.getAttribute('[data-testid="map"]', 'data-zoom'))).toBeGreaterThan(1);
    await page.click('[data-testid="map"] button[aria-label="Reset zoom"]');
    await expect.poll(isHome).toBe(true);
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

  test('the over-time bars suit the range, or are chosen with the switch, in the URL and in the chart', async () => {
    const auto = (await (await fetch(`${app.url}/api/stats/over-time`)).json()).bucket as string;
    const months = [...new Set(((await (await fetch(`${app.url}/api/stats/over-time?bucket=month`)).json()).series as { bucket: string }[]).map((r) => r.bucket))].sort();
    await page.goto(app.url, { waitUntil: 'networkidle' });
    const panel = page.locator('[data-testid="chart-over-time"]');
    const bars = panel.locator('[data-testid="over-time-bars"]');
    const ticks = () => panel.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    const overTimeAnswer = (bucket: string | null) =>
      page.waitForResponse((r) => {
        const u = new URL(r.url());
        return (u.pathname === '/api/view' || u.pathname === '/api/stats/over-time') && u.searchParams.get('bucket') === bucket && r.ok();
      });

    // No bucket in the URL: the automatic one, marked in the switch.
    await expect.poll(() => bars.getAttribute('data-bucket'), { timeout: 10_000 }).toBe(auto);
    expect(await panel.locator('button[data-bucket="auto"]').getAttribute('aria-pressed')).toBe('true');
    expect(await panel.locator(`button[data-bucket="${auto}"]`).getAttribute('class')).toContain('is-auto');

    // Months: the URL says so, the chart asks for them and draws one bar a month, labelled.
    const monthly = overTimeAnswer('month');
    await panel.locator('button[data-bucket="month"]').click();
    await page.waitForURL((u) => u.searchParams.get('bucket') === 'month');
    await monthly;
    await expect.poll(() => bars.getAttribute('data-bucket'), { timeout: 10_000 }).toBe('month');
    expect(await bars.getAttribute('data-bars')).toBe(String(months.length));
    await expect.poll(ticks, { timeout: 10_000 }).toEqual(months.map((m) => formatMonth(m)));
    expect(await panel.locator('h2').textContent()).toMatch(/per month$/);
    expect(await panel.locator('button[data-bucket="month"]').getAttribute('aria-pressed')).toBe('true');
    expect(await panel.locator('[data-testid="png"]').getAttribute('href')).toBe('/api/chart/over-time?bucket=month&theme=light');
    await panel.locator('button:has-text("Table")').click();
    expect(await panel.locator('table thead th').first().textContent()).toBe('Month');
    expect(await panel.locator('table tbody th').first().textContent()).toBe(formatMonth(months[0]!));
    await panel.locator('button:has-text("Table")').click();

    // Years, and a filter change keeps them.
    await panel.locator('button[data-bucket="year"]').click();
    await page.waitForURL((u) => u.searchParams.get('bucket') === 'year');
    await expect.poll(() => bars.getAttribute('data-bucket'), { timeout: 10_000 }).toBe('year');
    await expect.poll(ticks, { timeout: 10_000 }).toEqual([...new Set(months.map((m) => m.slice(0, 4)))]);
    await page.click('[data-testid="map"] path[data-country="VE"]');
    await page.waitForURL((u) => u.searchParams.get('country') === 'VE' && u.searchParams.get('bucket') === 'year');
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('country') && u.searchParams.get('bucket') === 'year');

    // A click on a bar narrows the dates to its year; the narrower range gets its own bars.
    await expect.poll(() => bars.getAttribute('data-bars'), { timeout: 10_000 }).toBe('1');
    await panel.locator('.recharts-bar-rectangle path').first().click();
    const year = months[0]!.slice(0, 4);
    await page.waitForURL((u) => u.searchParams.get('from') === `${year}-01-01` && u.searchParams.get('to') === `${year}-12-31` && !u.searchParams.has('bucket'));
    await expect.poll(() => bars.getAttribute('data-bucket'), { timeout: 10_000 }).toBe('week');
    expect(await panel.locator('button[data-bucket="auto"]').getAttribute('aria-pressed')).toBe('true');

    // Auto takes the bucket out of the URL again.
    await page.goto(`${app.url}/?bucket=quarter`, { waitUntil: 'networkidle' });
    await expect.poll(() => bars.getAttribute('data-bucket'), { timeout: 10_000 }).toBe('quarter');
    await panel.locator('button[data-bucket="auto"]').click();
    await page.waitForURL((u) => !u.searchParams.has('bucket'));
    await expect.poll(() => bars.getAttribute('data-bucket'), { timeout: 10_000 }).toBe(auto);

    // A shared link with a bucket opens with it, read on the server: the browser asks the API nothing.
    const other = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const asked: string[] = [];
    other.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) asked.push(path);
    });
    await other.goto(`${app.url}/?bucket=quarter`, { waitUntil: 'networkidle' });
    await expect.poll(() => other.getAttribute('[data-testid="over-time-bars"]', 'data-bucket'), { timeout: 10_000 }).toBe('quarter');
    expect(asked).toEqual([]);
    await other.close();

    // A bucket that is none is left out, and said, as a bad filter is.
    await page.goto(`${app.url}/?bucket=decade`, { waitUntil: 'networkidle' });
    expect(await page.textContent('.notice')).toContain('bucket=decade: must be one of day, week, month, quarter, year');
    await expect.poll(() => bars.getAttribute('data-bucket'), { timeout: 10_000 }).toBe(auto);
    await page.screenshot({ path: screenshotPath('dashboard-over-time'), fullPage: false });
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
