// Ingest while the dashboard runs on the embedded database: the server holds the data folder, the
// command hands its posts to it through the folder's socket, and a reload of the open dashboard
// shows them, with no restart.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, screenshotPath, startAppServer, type AppServer } from '@/scripts/testing/app-server';

const ROOT = process.cwd();
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Three posts as the ministry's channel publishes them, in JSON Lines. */
const POSTS = [
  {
    id: '31001',
    date: '2024-03-05T11:20:00+03:00',
    channel: 'MFARussia',
    lang: 'en',
    text: '🇷🇺🇹🇷 On March 5, Russian Foreign Minister Sergey Lavrov held talks with Minister of Foreign Affairs of the Republic of Türkiye Hakan Fidan in Moscow.\n\nThe Ministers discussed the situation in the Middle East and the South Caucasus, as well as the implementation of agreements reached at the highest level.',
  },
  {
    id: '31002',
    date: '2024-03-06T15:45:00+03:00',
    channel: 'MFARussia',
    lang: 'ru',
    text: '🇷🇺🇪🇬 6 марта Министр иностранных дел России С.В.Лавров провёл телефонный разговор с Министром иностранных дел Египта С.Шукри.\n\nОбсуждены актуальные вопросы двусторонней повестки дня и ситуация в секторе Газа.',
  },
  {
    id: '31003',
    date: '2024-03-07T10:05:00+03:00',
    channel: 'MFARussia',
    lang: 'en',
    text: '🇷🇺🇮🇳 On March 7, Deputy Foreign Minister Andrey Rudenko met with Ambassador of the Republic of India to Russia Vinay Kumar.\n\nThe parties discussed topical issues of the bilateral agenda, including preparations for upcoming high-level contacts.',
  },
];

// The embedded database's own feature: run once, on the embedded pass.
describe.skipIf(Boolean(process.env.DATABASE_URL))('ingest while the dashboard runs on the embedded database', () => {
  let tmp: string;
  let dataDir: string;
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-live-'));
    dataDir = path.join(tmp, 'data');
    // An empty folder: the start script loads the bundled sample into it.
    app = await startAppServer({ database: { dataDir } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const corpusLine = "document.querySelector('.site-header .corpus')?.textContent ?? ''";
  const eventDates = "[...document.querySelectorAll('[data-testid=\"timeline\"] [data-testid=\"event\"]')].map((e) => e.getAttribute('data-date'))";

  test('npm run ingest stores through the running server; a reload shows the posts', async () => {
    // Listening from the server's start, before any page was asked for.
    const sock = fs.lstatSync(path.join(dataDir, 'sidelines.sock'));
    expect(sock.isSocket()).toBe(true);
    expect(sock.mode & 0o777).toBe(0o600);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.url);
    await expect.poll(() => page.evaluate(corpusLine), { timeout: 30_000 }).toMatch(/18 posts/);
    expect(((await page.evaluate(eventDates)) as string[]).length).toBeGreaterThan(0);

    const file = path.join(tmp, 'mfa.jsonl');
    fs.writeFileSync(file, POSTS.map((p) => JSON.stringify(p)).join('\n'));
    const { DATABASE_URL: _server, ...env } = process.env;
    const r = await promisify(execFile)(TSX, ['scripts/ingest.ts', file], { cwd: ROOT, env: { ...env, SIDELINES_DATA_DIR: dataDir } });
    expect(r.stderr).toMatch(/^ingest: the dashboard is running on this data folder: storing through it\n/);
    // The sample makes way for the ministry's own posts, as in a run of its own.
    expect(r.stderr).toMatch(/removed it \(18 posts/);
    expect(r.stdout).toMatch(new RegExp(`^into embedded PostgreSQL in ${dataDir}:\n {2}posts read {8}3\n {2}new {15}3\n`));

    await page.reload();
    await expect.poll(() => page.evaluate(corpusLine), { timeout: 30_000 }).toMatch(/@MFARussia.*3 posts.*3 events/);
    await expect.poll(async () => ((await page.evaluate(eventDates)) as string[]).sort(), { timeout: 30_000 }).toEqual(['2024-03-05', '2024-03-06', '2024-03-07']);
    expect(await page.textContent('[data-testid="timeline"]')).toMatch(/Hakan Fidan|Türkiye|Turkey/);
    await page.screenshot({ path: screenshotPath('ingest-live'), fullPage: true });
    await page.close();
  });

  test('a stopped server takes its socket with it, and the command stores on its own again', async () => {
    await app.stop();
    const sock = path.join(dataDir, 'sidelines.sock');
    await expect.poll(() => fs.existsSync(sock), { timeout: 15_000 }).toBe(false);
    const { DATABASE_URL: _server, ...env } = process.env;
    const run = () => promisify(execFile)(TSX, ['scripts/ingest.ts', '--json', path.join(tmp, 'mfa.jsonl')], { cwd: ROOT, env: { ...env, SIDELINES_DATA_DIR: dataDir } });
    // The folder's lock goes with the process, a moment after the signal.
    let r: { stdout: string; stderr: string } | null = null;
    for (let i = 0; i < 20 && !r; i++) r = await run().catch(() => new Promise<null>((resolve) => setTimeout(() => resolve(null), 500)));
    expect(r?.stderr).toBe('');
    expect(JSON.parse(r!.stdout)).toMatchObject({ postsRead: 3, postsExisting: 3 });
  });
});
