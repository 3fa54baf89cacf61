// What a hostile post or page cannot do: post text is shown as text, scripts run only with the
// page's nonce, and every answer carries the security headers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { createDb, migrateToLatest } from '@/db';
import { storePosts } from '@/lib/load/store';
import { CHROMIUM, CHROMIUM_ARGS, startAppServer, type AppServer } from '@/scripts/testing/app-server';
import { dbKind, serverDatabase } from '@/scripts/testing/db';

const HOSTILE =
  'On September 20, Foreign Minister Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi ' +
  '<script>window.__pwned = "script"</script> <img src=x onerror="window.__pwned = \'img\'"> ' +
  '<a href="javascript:window.__pwned=1">link</a> and discussed the Syrian settlement.';

describe(`hostile text and security headers on the ${dbKind} database`, () => {
  let app: AppServer;
  let browser: Browser;
  let eventId: number;
  let cleanup = async () => {};

  beforeAll(async () => {
    let database: { url?: string; dataDir?: string };
    if (process.env.DATABASE_URL) {
      const server = await serverDatabase(process.env.DATABASE_URL, 'sidelines_security');
      database = { url: server.url };
      cleanup = server.drop;
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-security-'));
      database = { dataDir: dir };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    const db = await createDb(database);
    try {
      await migrateToLatest(db);
      await storePosts(db, [{ channel: 'hostile', externalId: '1', postedAt: new Date('2023-09-20T10:00:00Z'), lang: 'en', text: HOSTILE, url: null, seq: 0 }]);
      eventId = (await db.selectFrom('events').select('id').executeTakeFirstOrThrow()).id;
    } finally {
      await db.destroy();
    }
    app = await startAppServer({ database });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await cleanup();
  });

  test('pages carry a nonce CSP without unsafe-eval, and the usual headers', async () => {
    const res = await fetch(app.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // A fresh nonce for every page.
    expect((await fetch(app.url)).headers.get('content-security-policy')).not.toBe(csp);
    for (const url of [app.url, `${app.url}/api/stats/headline`, `${app.url}/maps/countries-110m.json`]) {
      const h = (await fetch(url)).headers;
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(h.get('x-frame-options')).toBe('DENY');
    }
  });

  test('a post with <script> and <img onerror> renders as text and runs nothing', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${app.url}/events/${eventId}`);
    await page.waitForSelector('[data-testid="source-post"]');
    const text = await page.textContent('[data-testid="source-post"]');
    expect(text).toContain('<script>window.__pwned = "script"</script>');
    expect(text).toContain('<img src=x onerror=');
    expect(await page.$$('[data-testid="source-post"] img, [data-testid="source-post"] script')).toHaveLength(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // Next.js's own scripts carry the nonce: the page hydrated without one violation.
    expect(violations).toEqual([]);
    await page.close();
  });

  test('the dashboard hydrates and works under the policy', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${app.url}/?country=JO`);
    await page.waitForSelector('[data-testid="map"] path[data-country="JO"][data-count="1"]');
    await expect.poll(() => page.$$eval('[data-testid="timeline"] [data-testid="event"]', (es) => es.length)).toBe(1);
    // Expanding is the client's work: it only happens once the page has hydrated.
    await page.click('[data-testid="timeline"] [data-testid="event-expand"]');
    await page.waitForSelector('[data-testid="timeline"] [data-testid="source-post"]');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(violations).toEqual([]);
    await page.close();
  });
});
