// Bad input through the ingest command (its main, in this process). Every file either stops the run with
// one clear line on stderr, a non-zero exit and nothing written, or is stored whole: odd posts
// as posts (no event, or their parse error), never a crash and never half a run.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Database } from '@/db';
import { generateCorpus } from '@/scripts/bench/corpus';
import { dbKind } from '@/scripts/testing/db';
import { runMain } from '@/scripts/testing/cli';
import { commandEnv } from '@/scripts/testing/command-env';
import { main as ingestMain } from './ingest';

const ROOT = process.cwd();
const SAMPLE = path.join(ROOT, 'data/sample/mfa-2023-09-19-21.txt');
const MB50 = 50 * 1000 * 1000;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** What a run can change: counts, the data version, the texts themselves, the id sequence. */
interface Fingerprint {
  maxId: number;
  posts: number;
  events: number;
  links: number;
  channels: number;
  version: number;
  texts: string;
}

// Corpus posts as JSON Lines rows, and as a channel export the way Telegram Desktop writes one.
const corpus = (n: number, seed: number) => [...generateCorpus({ posts: n, seed })];
const jsonl = (n: number, seed: number): string[] =>
  corpus(n, seed).map((p) => JSON.stringify({ id: p.id, date: p.date, channel: p.channel, lang: p.lang, text: p.text }));
function telegram(messages: object[], type = 'public_channel'): string {
  return JSON.stringify({ name: 'МИД России 🇷🇺', type, id: 1065276858, messages }, null, 1);
}
const messages = (n: number, seed: number) =>
  corpus(n, seed).map((p, i) => ({
    id: i + 1,
    type: 'message',
    date: p.date.slice(0, 19),
    date_unixtime: String(Date.parse(p.date) / 1000),
    from: 'МИД России 🇷🇺',
    text: p.text,
    text_entities: [{ type: 'plain', text: p.text }],
  }));

/**
 * Text whose full-text vector is as large as text can make it: hyphenated pairs of distinct
 * short words, each pair indexed as itself and as both its words (some five times the text).
 */
function hardToIndex(bytes: number): string {
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (let i = 0; out.length < bytes; i += 2) {
    const word = (n: number) => `w${[0, 1, 2, 3].map((k) => digits[Math.floor(n / 36 ** k) % 36]).join('')}`;
    out += `${word(i)}-${word(i + 1)} `;
  }
  return out.slice(0, bytes).trim();
}

describe(`bad input through npm run ingest, on the ${dbKind} database`, () => {
  const cli = commandEnv('bad-input', { seed: true });
  let before: Fingerprint;

  beforeAll(async () => {
    // Data stored before the bad input arrives, which must survive it.
    const r = await ingest(SAMPLE, '--channel', 'MID_Russia');
    expect(r.code, r.stderr).toBe(0);
    before = await fingerprint();
    expect(before.posts).toBe(18);
  });

  // The program's main, in this process: the files and the database are the same as a process's.
  const ingest = (...args: string[]): Promise<Result> => runMain(ingestMain, args, cli.env);

  async function withDb<T>(f: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    const db = await cli.open();
    try {
      return await f(db);
    } finally {
      await db.destroy();
    }
  }

  /** What the database holds, and how far the posts sequence has gone: it moves on with every
   * row a run inserts, even a row rolled back. */
  const state = (): Promise<{ data: Fingerprint; seq: number }> => withDb(stateOf);
  async function stateOf(db: Kysely<Database>): Promise<{ data: Fingerprint; seq: number }> {
    const { rows } = await sql<Fingerprint & { seq: number }>`
      select (select coalesce(max(id), 0) from posts)::int as "maxId", (select count(*) from posts)::int as posts, (select count(*) from events)::int as events,
             (select count(*) from event_posts)::int as links, (select count(*) from channels)::int as channels,
             (select version from data_version where id = 1)::int as version,
             (select md5(string_agg(text, '|' order by id)) from posts) as texts,
             (select last_value from posts_id_seq)::int as seq`.execute(db);
    const { seq, ...data } = rows[0]!;
    return { data, seq };
  }
  const fingerprint = async (): Promise<Fingerprint> => (await state()).data;

  function file(name: string, content: string | Buffer): string {
    const p = path.join(cli.tmp, name);
    fs.writeFileSync(p, content);
    return p;
  }

  /** A file with `bytes` of `fill` (whole characters) between a head and a tail, written in pieces. */
  function bigFile(name: string, head: string, fill: string, bytes: number, tail: string): string {
    const p = path.join(cli.tmp, name);
    const unit = Buffer.from(fill);
    const piece = Buffer.concat(Array.from({ length: Math.ceil(1_000_000 / unit.length) }, () => unit));
    const fd = fs.openSync(p, 'w');
    try {
      fs.writeSync(fd, head);
      for (let left = bytes - (bytes % unit.length); left > 0; left -= Math.min(left, piece.length)) {
        fs.writeSync(fd, piece, 0, Math.min(left, piece.length));
      }
      fs.writeSync(fd, tail);
    } finally {
      fs.closeSync(fd);
    }
    return p;
  }

  function expectOneLineError(r: Result, message: RegExp): void {
    expect(r.code, r.stdout).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^ingest: /);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  }

  // Files that are wrong from their start: the run stops before it writes anything.
  const STARTS_BAD: [string, () => string, RegExp][] = [
    ['a truncated Telegram export', () => file('cut.json', telegram(messages(300, 1)).slice(0, 120_000)), /cut\.json: malformed JSON \(truncated: unexpected end of input at line \d+\)/],
    [
      'malformed JSON in the middle of an export',
      () => file('broken.json', telegram(messages(300, 2)).replace('"id": 150,', '"id": 150,,')),
      /broken\.json: malformed JSON at line \d+, column \d+ \(offset \d+\)/,
    ],
    [
      'a personal chat export',
      () => file('chat.json', JSON.stringify({ name: 'Mum', type: 'personal_chat', id: 5, messages: messages(5, 3) }, null, 1)),
      /chat\.json: not a channel export \(the chat type is "personal_chat"\)/,
    ],
    [
      'text as a number in an export',
      () => file('text-number.json', telegram([...messages(3, 6), { id: 99, type: 'message', date: '2023-09-20T10:00:00', text: 42 }])),
      /text-number\.json: message 4 \(id 99\) has a "text" that is neither a string nor a list/,
    ],
    ['"messages" that is not a list', () => file('messages-object.json', JSON.stringify({ name: 'MID', type: 'public_channel', messages: { 1: 'x' } })), /"messages" is not a list/],
    ['text as a number in JSON Lines', () => file('text-number.jsonl', '{"text": "ok"}\n{"id": 2, "text": 42}\n'), /text-number\.jsonl: line 2 has no "text" string/],
    ['date as an object in JSON Lines', () => file('date-object.jsonl', '{"text": "ok"}\n{"text": "ok 2"}\n{"text": "x", "date": {"$date": 1}}\n'), /line 3 has an unreadable "date" \(\{"\$date":1\}\)/],
    ['a JSON Lines row that is an array', () => file('row-array.jsonl', '{"text": "ok"}\n["Sergey Lavrov", "held talks"]\n'), /row-array\.jsonl: line 2 is not a JSON object/],
    ['a JSON Lines row that is a string', () => file('row-string.jsonl', '{"text": "ok"}\n"Sergey Lavrov held talks"\n'), /row-string\.jsonl: line 2 is not a JSON object/],
    [
      'invalid UTF-8 in a Telegram export',
      () => file('latin1.json', Buffer.concat([Buffer.from(telegram(messages(20, 7)).slice(0, 5000)), Buffer.from([0xc0, 0xff, 0xfe]), Buffer.from('"]}')])),
      /latin1\.json: not valid UTF-8 text \(first bad byte at offset \d+\)/,
    ],
    ['a NUL byte in a text file', () => file('nul.txt', Buffer.concat([Buffer.from('Sergey Lavrov held talks '), Buffer.from([0]), Buffer.from(' with India.\n')])), /nul\.txt: NUL byte at offset 25/],
    ['one 50 MB post in JSON Lines', () => bigFile('huge.jsonl', '{"id": 1, "text": "', 'Лавров ', MB50, '"}\n'), /huge\.jsonl: post 1 \(id 1\) is 50\.0 MB, over the 150 KB limit/],
    // PostgreSQL could not index it (the vector passes 1 MB), and the whole run failed on it.
    ['a 400 KB post of words hard to index', () => file('hard.jsonl', `${JSON.stringify({ id: 1, text: hardToIndex(400_000) })}\n`), /hard\.jsonl: post 1 \(id 1\) is 400 KB, over the 150 KB limit/],
    ['10,000 empty posts in JSON Lines', () => file('empty.jsonl', '{"text": ""}\n'.repeat(10_000)), /empty\.jsonl: no posts with text/],
    ['a date in the year 1', () => file('year1.jsonl', '{"text": "Sergey Lavrov held talks.", "date": "0001-01-01T00:00:00Z"}\n'), /year1\.jsonl: line 1 has a "date" out of range \("0001-01-01T00:00:00Z"; posts from 1900 to 2100 are read\)/],
    ['a date in the year 9999', () => file('year9999.jsonl', '{"text": "Sergey Lavrov held talks.", "date": "9999-12-31"}\n'), /year9999\.jsonl: line 1 has a "date" out of range/],
    ['a day that does not exist', () => file('feb30.jsonl', '{"text": "Sergey Lavrov held talks.", "date": "2023-02-30"}\n'), /feb30\.jsonl: line 1 has an unreadable "date" \("2023-02-30"\)/],
    ['an id 10,000 characters long', () => file('long-id.jsonl', `{"id": "${'7'.repeat(10_000)}", "text": "Sergey Lavrov held talks."}\n`), /long-id\.jsonl: line 1 has an over-long "id" \(10000 characters; at most 200\)/],
  ];

  describe.concurrent(`${STARTS_BAD.length} files wrong from the start`, () => {
    test.each(STARTS_BAD)('%s: one clear line, non-zero exit', async (_name, make, message) => {
      expectOneLineError(await ingest(make()), message);
    });
  });

  // How far the posts sequence had gone after the last check.
  let seq = 0;

  test(`after those ${STARTS_BAD.length} files the database is as it was`, async () => {
    const now = await state();
    expect(now.data).toEqual(before);
    seq = now.seq;
  });

  // Files that go wrong after posts were written: a good file comes first, and its posts are
  // in the database when the bad one is read; the run's transaction takes them back out.
  const GOES_BAD: [string, () => string, RegExp][] = [
    [
      'invalid UTF-8 after 1,500 good rows of JSON Lines',
      () => file('late-latin1.jsonl', Buffer.concat([Buffer.from(`${jsonl(1_500, 11).join('\n')}\n`), Buffer.from('{"text": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n')])),
      /late-latin1\.jsonl: not valid UTF-8 text \(first bad byte at offset \d+\)/,
    ],
    [
      'a 50 MB post after 1,500 good rows of JSON Lines',
      () => bigFile('late-huge.jsonl', `${jsonl(1_500, 13).join('\n')}\n{"id": "big", "text": "`, 'Лавров ', MB50, '"}\n'),
      /late-huge\.jsonl: line 1501 is over 900000 characters long/,
    ],
  ];

  test.each(GOES_BAD)('%s after a good file: one clear line, non-zero exit, the posts written rolled back', async (_name, make, message) => {
    const good = file('good.jsonl', `${jsonl(300, 14).join('\n')}\n`);
    expectOneLineError(await ingest(good, make()), message);
    const after = await state();
    expect(after.data).toEqual(before);
    // The good file's posts were inserted before the bad file was read, and taken out again.
    expect(after.seq).toBeGreaterThanOrEqual(seq + 250);
    seq = after.seq;
  });

  describe('odd but readable posts are stored', () => {
    // Everything here goes in one run of several files, as a user would pass them.
    const nul = 'Sergey\u0000 Lavrov held talks\u0000 with the Foreign Minister of India Subrahmanyam Jaishankar on September 20, 2023.';
    const SQL = "Robert'); DROP TABLE posts; -- held talks with the Foreign Minister of India'; DELETE FROM events WHERE '1'='1";
    const HTML = '<script>alert("x")</script><b>Sergey Lavrov</b> held talks with <i>the Foreign Minister of Egypt</i> &amp; <img src=x onerror=alert(1)>';
    const rows: Record<string, unknown>[] = [
      { id: 'ar', text: 'التقى وزير الخارجية الروسي سيرغي لافروف بنظيره السعودي في موسكو.' },
      { id: 'he', text: 'שר החוץ הרוסי סרגיי לברוב נפגש עם שר החוץ של ישראל בירושלים.' },
      { id: 'rtl-mixed', date: '2023-09-20T10:00:00Z', text: '\u200fSergey Lavrov held talks with the Foreign Minister of Saudi Arabia \u202b(وزير الخارجية)\u202c in Moscow.' },
      { id: 'emoji-1', text: '🇷🇺🤝🇮🇳' },
      { id: 'emoji-2', text: '👍🏽👨‍👩‍👧‍👦🏳️‍🌈🏴󠁧󠁢󠁳󠁣󠁴󠁿' },
      { id: 'emoji-3', text: '🤝' },
      { id: 'zalgo', text: 'Z̷̢̛̪͎a̸̡͔l̵̰̈́g̶̱̓o̷̙͝ held talks' },
      { id: 'sql', text: SQL },
      { id: 'sql-2', text: "'); drop table posts; --" },
      { id: 'html', text: HTML },
      { id: 'template', text: '${process.exit(1)} {{7*7}} %s%n $1 \\x00 \\u0000 `rm -rf /`' },
      { id: 'nul', channel: 'MID\u0000_Russia', text: nul },
      { id: 'nul-only', text: '\u0000\u0000' },
      { id: 'surrogates', text: '\ud800Sergey Lavrov met with the Foreign Minister of India\udfff on September 20, 2023. \ud83d' },
      { id: { nested: 1 }, channel: ['x'], lang: 7, url: 5, date: null, text: 'Sergey Lavrov held talks with the Foreign Minister of Egypt.' },
      { id: true, text: 'Fields of the wrong type are left out; the text is kept.' },
      { id: 'year-1900', date: '1900-01-01T00:00:00Z', text: 'Sergey Lavrov held talks with the Foreign Minister of India.' },
      { id: 'year-2100', date: '2100-12-31T22:00:00Z', text: 'Sergey Lavrov held talks with the Foreign Minister of China.' },
      { id: 'text-year-9999', date: '2023-09-20T10:00:00Z', text: 'On September 20, 9999 Sergey Lavrov held talks with the Foreign Minister of Brazil.' },
      // Just under the size limit, in the words that make PostgreSQL's search vector largest.
      { id: 'index-limit', text: hardToIndex(149_000) },
    ];
    // 10,000 posts that are empty or nearly: empty ones are skipped, the same text is one post.
    const emptyish = Array.from({ length: 10_000 }, (_, i) => JSON.stringify(i % 2 ? { id: `z${i}`, text: '' } : { id: `z${i}`, text: '\u200b' }));
    const exportWithNul = JSON.stringify({
      name: 'وزارة الخارجية',
      type: 'public_channel',
      messages: [{ id: 1, type: 'message', date: '2023-09-20T10:00:00', text: 'Sergey Lavrov held talks\\x00 with the Foreign Minister of Jordan.' }],
    }).replace('\\\\x00', '\\x00');
    const textYear99 = 'On 20.09.0099 Sergey Lavrov held talks with the Foreign Minister of India.\n';
    let files: string[];
    let summary: Record<string, number>;
    let stored: Fingerprint | undefined;

    beforeAll(async () => {
      files = [
        file('odd.jsonl', `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`),
        file('emptyish.jsonl', `${emptyish.join('\n')}\n`),
        file('nul-export.json', exportWithNul),
        file('year99.txt', textYear99),
      ];
      const r = await ingest('--json', ...files);
      expect(r.code, r.stderr).toBe(0);
      // The one line allowed: posts of no date are counted, with how to give one.
      expect(r.stderr.trim().split('\n').filter((l) => l && !/^ingest: \d+ (?:post has|posts have) no date/.test(l))).toEqual([]);
      summary = JSON.parse(r.stdout);
    });

    // Every row of odd.jsonl but the one of NULs alone, the 5,000 zero-width posts (five thousand
    // ids, so five thousand posts, however alike their texts), the export's one message and the
    // plain text's one post.
    const STORED = rows.length - 1 + emptyish.length / 2 + 1 + 1;

    describe('what was stored', () => {
      let db: Kysely<Database>;
      beforeAll(async () => {
        db = await cli.open();
      });
      afterAll(() => db.destroy());

      test(`${rows.length + emptyish.length + 2} posts in: ${STORED} stored, each with a parse status`, async () => {
        expect(summary).toMatchObject({ postsRead: rows.length - 1 + emptyish.length / 2 + 2, postsNew: STORED, postsFailed: 0 });
        stored = (await stateOf(db)).data;
        expect(stored.posts).toBe(before.posts + STORED);
        const statuses = await db.selectFrom('posts').select(['parse_status', 'parse_error']).execute();
        for (const s of statuses) {
          expect(['ok', 'no_event', 'error']).toContain(s.parse_status);
          expect(s.parse_error !== null).toBe(s.parse_status === 'error');
        }
        // The posts stored before are all still there, word for word.
        const { rows: old } = await sql<{ texts: string }>`select md5(string_agg(text, '|' order by id)) as texts from posts where id <= ${before.maxId}`.execute(db);
        expect(old[0]!.texts).toBe(before.texts);
      });

      test('SQL, HTML, templates and a post hard to index are stored as text, and the tables are all still there', async () => {
        const text = async (id: string) => (await db.selectFrom('posts').select('text').where('external_id', '=', id).executeTakeFirstOrThrow()).text;
        expect(await text('sql')).toBe(SQL);
        expect(await text('sql-2')).toBe("'); drop table posts; --");
        expect(await text('html')).toBe(HTML);
        expect(await text('template')).toBe(rows.find((r) => r.id === 'template')!.text);
        expect(await text('ar')).toBe(rows[0]!.text);
        expect(await text('emoji-2')).toBe(rows[4]!.text);
        expect(await text('index-limit')).toBe(rows.find((r) => r.id === 'index-limit')!.text);
        const { rows: tables } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name in ('posts', 'events', 'event_posts', 'channels')`.execute(db);
        expect(tables[0]!.n).toBe(4);
      });

      test('NULs are dropped from texts and names; lone surrogate halves become U+FFFD', async () => {
        const nulPost = await db.selectFrom('posts').innerJoin('channels', 'channels.id', 'posts.channel_id').select(['text', 'handle']).where('external_id', '=', 'nul').executeTakeFirstOrThrow();
        expect(nulPost).toEqual({ text: nul.replaceAll('\u0000', ''), handle: 'MID_Russia' });
        const sur = await db.selectFrom('posts').select('text').where('external_id', '=', 'surrogates').executeTakeFirstOrThrow();
        expect(sur.text).toBe('\ufffdSergey Lavrov met with the Foreign Minister of India\ufffd on September 20, 2023. \ufffd');
        const exported = await db.selectFrom('posts').innerJoin('channels', 'channels.id', 'posts.channel_id').select(['text', 'handle']).where('handle', '=', 'وزارة الخارجية').executeTakeFirstOrThrow();
        expect(exported.text).toBe('Sergey Lavrov held talks with the Foreign Minister of Jordan.');
        // The NUL post is parsed as the text stored: a meeting with India on that day.
        const ev = await db
          .selectFrom('events')
          .innerJoin('event_posts', 'event_posts.event_id', 'events.id')
          .innerJoin('posts', 'posts.id', 'event_posts.post_id')
          .select(['events.date', 'events.type'])
          .where('posts.external_id', '=', 'nul')
          .executeTakeFirstOrThrow();
        expect(ev).toEqual({ date: '2023-09-20', type: 'meeting' });
      });

      test('no event is dated outside 1900–2100, whatever years the posts write', async () => {
        const { rows: out } = await sql<{ n: number }>`select count(*)::int as n from events where date < '1900-01-01' or date > '2100-12-31'`.execute(db);
        expect(out[0]!.n).toBe(0);
        const year99 = await db
          .selectFrom('events')
          .innerJoin('event_posts', 'event_posts.event_id', 'events.id')
          .innerJoin('posts', 'posts.id', 'event_posts.post_id')
          .select('events.date')
          .where('posts.text', '=', textYear99.trim())
          .execute();
        // "20.09.0099" is no day Sidelines reads (it once became 1999-09-20).
        expect(year99.every((e) => e.date === null)).toBe(true);
        const edge = await db.selectFrom('posts').select(['external_id', 'posted_at']).where('external_id', 'in', ['year-1900', 'year-2100']).orderBy('external_id').execute();
        expect(edge.map((p) => p.posted_at?.toISOString())).toEqual(['1900-01-01T00:00:00.000Z', '2100-12-31T22:00:00.000Z']);
      });
    });

    test('the same files again add nothing', async () => {
      const r = await ingest('--json', ...files);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ postsNew: 0, eventsCreated: 0 });
      expect(await fingerprint()).toEqual(stored);
    });
  });
});
