// npm run bench:sync [-- --pages 200]: the throughput of `npm run sync`, against a local server
// that serves a channel's preview pages made from the recorded page's markup (its message ids
// moved for each page), on a fresh embedded database: posts per second with no pause between
// requests (reading, parsing and storing), and as a real sync runs, with the default pause.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, migrateToLatest } from '@/db';
import { PREVIEW_LATEST, previewHtml } from '@/lib/ingest/fixtures/telegram-preview';
import { syncSources } from '@/lib/load/sync';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '200' } } });
const PAGES = Number(values.pages);
const TEMPLATE = previewHtml(PREVIEW_LATEST);
const IDS = [19709, 19710, 19711, 19712, 19713, 19714, 19715];
const STEP = 10;
const TOP = 1_000_000;

/** Page k (0 the newest): the recorded page with its ids moved down by k × STEP. */
function page(k: number): string {
  let html = TEMPLATE;
  for (const id of IDS) html = html.replaceAll(`MFARussia/${id}`, `MFARussia/@@${id - 19709 + TOP - k * STEP}`).replaceAll(`data-post-id="${id}"`, `data-post-id="@@${id - 19709 + TOP - k * STEP}"`);
  return html.replaceAll('@@', '');
}

async function main(): Promise<void> {
  const server = http.createServer((req, res) => {
    const before = new URL(req.url ?? '/', 'http://x').searchParams.get('before');
    // The page before the one whose oldest message is `before`.
    const k = before === null ? 0 : (TOP - Number(before)) / STEP + 1;
    if (k >= PAGES) return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(previewHtml({ ...PREVIEW_LATEST, file: PREVIEW_LATEST.file.replace('mfarussia.html', 'mfarussia-before-19698.html') }));
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(page(k));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-bench-sync-'));
  const db = await createDb({ dataDir: path.join(dir, 'db') });
  try {
    await migrateToLatest(db);
    const s = await syncSources(db, [{ kind: 'telegram', channel: 'MFARussia' }], { telegramBase: base, delayMs: 0, since: '2000-01-01', stateDir: dir });
    const perPage = s.store.postsRead / s.sources[0]!.pages;
    console.log(`pages read        ${s.sources[0]!.pages} (${s.requests} requests)`);
    console.log(`posts stored      ${s.store.postsNew} (${perPage.toFixed(1)} a page)`);
    console.log(`no pause          ${(s.store.postsRead / s.seconds).toFixed(0)} posts/s (${s.seconds.toFixed(1)} s: fetch, parse and store)`);
    // The default pause (1.5 s between requests) bounds a real run: a page of 20 posts, as t.me serves, every 1.5 s plus its own time.
    const pageSeconds = s.seconds / s.requests;
    console.log(`default pause     ${(20 / (1.5 + pageSeconds)).toFixed(1)} posts/s at t.me's 20 posts a page (${(perPage / (1.5 + pageSeconds)).toFixed(1)} at this page's ${perPage.toFixed(0)})`);
  } finally {
    await db.destroy();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
