import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { previewHtml, previewPageAt } from '@/lib/ingest/fixtures/telegram-preview';
import { commandEnv } from '@/scripts/testing/command-env';
import { dbKind } from '@/scripts/testing/db';
import { recordingIo } from './io';
import { channelArg, main } from './sync';

describe(`npm run sync on the ${dbKind} database`, () => {
  const cmd = commandEnv('sync', { seed: true });
  let server: http.Server;
  let base = '';
  let failing = false;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const page = previewPageAt(req.url ?? '/');
      if (failing && req.url?.includes('before=')) {
        res.writeHead(500).end('down');
        return;
      }
      if (!page) {
        res.writeHead(404).end('no such page');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(previewHtml(page));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sync = async (...argv: string[]) => {
    const io = recordingIo({ ...cmd.env, SIDELINES_TELEGRAM_URL: base });
    const code = await main(argv, io);
    return { code, out: io.out, err: io.err };
  };

  test('reads the channel, says what it stored and how fast; a second run adds nothing; a failed run goes on', async () => {
    failing = true;
    const failed = await sync('@MFARussia', '--since', '2023-01-01', '--delay', '0');
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/sync: .*before=19709: HTTP 500/);
    expect(failed.err).toMatch(/nothing was stored; the pages read so far are kept, and the same command goes on from there/);

    failing = false;
    const first = await sync('https://t.me/s/MFARussia', '--since', '2023-01-01', '--delay', '0');
    expect(first.err).toMatch(/going on from the 1 page an earlier run read/);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/t\.me\/s\/MFARussia: 3 pages, 8 posts \(reached the channel's first post, resumed\)/);
    expect(first.out).toMatch(/new +8/);
    expect(first.out).toMatch(/requests in [\d.]+ s: [\d.]+ posts\/s/);

    const second = await sync('MFARussia', '--delay', '0', '--json');
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.out);
    expect(summary.store.postsNew).toBe(0);
    expect(summary.sources[0].stop).toBe('stored');
  }, 60_000);

  test.each([
    [['no such name!'], /is not a public Telegram channel name/],
    [[], /no channel given/],
    [['MFARussia', '--since', '2023-02-30'], /--since must be a day written YYYY-MM-DD/],
    [['MFARussia', '--delay', 'soon'], /--delay must be seconds from 0 to 60/],
    [['--feed', 'ftp://example.org/x', '--channel', 'x'], /--feed must be an http\(s\) address/],
    [['--feed', 'https://example.org/feed'], /--feed needs --channel NAME/],
  ])('%j is refused in one line, exit 2', async (argv, message) => {
    const r = await sync(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  test('channel names as people write them', () => {
    expect(['MFARussia', '@MFARussia', 't.me/MFARussia', 'https://t.me/s/MFARussia', 'https://t.me/MFARussia/19715'].map(channelArg)).toEqual(Array(5).fill('MFARussia'));
  });
});
