// Property: whatever a file holds, the reader either returns posts that can be stored as they
// are, or throws an InputError of one line that names the file. Files are JSON Lines rows and
// Telegram exports with fields of every type, cut short, with bytes flipped, or with stray
// characters (NULs, lone surrogate halves, control characters). Seeded, so failures reproduce.
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '@/scripts/bench/corpus';
import { InputError, readPosts, streamPosts } from './read';
import { BINARY_FILE } from './read-stream';
import { memoryInput } from './read-stream';
import type { RawPost } from './types';

const SEEDS = [1, 2, 3];
const FILES_PER_SEED = 3_000;

function generator(seed: number) {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const texts = ['Sergey Lavrov held talks with the Foreign Minister of India.', 'С.В.Лавров провёл переговоры.', '🇷🇺🤝🇮🇳', 'وزير الخارجية', '', ' ', '\u0000', 'a\u0000b', '\ud800x', 'x\udfff', "'); drop table posts; --", '<b>x</b>', '\u200b'];
  const value = (depth = 0): unknown => {
    switch (int(depth > 1 ? 9 : 11)) {
      case 0:
        return null;
      case 1:
        return pick([true, false]);
      case 2:
        return pick([0, -1, 42, 1.5, 1e20, -1e20, 1695233700, 1695233700000, 253402300800, Number.MAX_SAFE_INTEGER]);
      case 3:
        return pick(texts);
      case 4:
        return pick(['2023-09-20T10:00:00Z', '2023-09-20', '2023-02-30', '0001-01-01T00:00:00Z', '9999-12-31', '-000001-01-01T00:00:00Z', '1900-01-01T00:00:00Z', '2100-12-31T23:59:59Z', '1695233700', 'yesterday', '']);
      case 5:
        return pick(['MID_Russia', 'https://t.me/MID_Russia', '@MFA', 'x'.repeat(int(400)), 'M\u0000ID']);
      case 6:
        return pick(['ru', 'en', 'de', 'RU']);
      case 7:
        return String(int(1e9));
      case 8:
        return 'z'.repeat(int(300));
      case 9:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['type', 'text', 'id', 'date']), value(depth + 1)]));
    }
  };
  // A field usually of its right type, sometimes of any type, sometimes missing.
  const field = (right: () => unknown): unknown => (rand() < 0.75 ? right() : rand() < 0.5 ? value() : undefined);

  const record = (): Record<string, unknown> => ({
    id: field(() => String(1 + int(1e6))),
    date: field(() => pick(['2023-09-20T10:00:00Z', '2023-09-20', 1695233700])),
    channel: field(() => 'MID_Russia'),
    lang: field(() => pick(['ru', 'en'])),
    text: field(() => pick(texts)),
  });
  const message = (): Record<string, unknown> => ({
    id: field(() => 1 + int(1e6)),
    type: field(() => pick(['message', 'message', 'service'])),
    date: field(() => '2023-09-20T10:00:00'),
    date_unixtime: field(() => String(1695233700 + int(1e6))),
    text: field(() => (rand() < 0.5 ? pick(texts) : [pick(texts), { type: 'bold', text: pick(texts) }])),
    text_entities: rand() < 0.3 ? field(() => [{ type: 'plain', text: pick(texts) }]) : undefined,
  });
  const document = (): string => {
    switch (int(3)) {
      case 0:
        return Array.from({ length: 1 + int(8) }, () => (rand() < 0.9 ? JSON.stringify(record()) : JSON.stringify(value()))).join('\n');
      case 1:
        return JSON.stringify(
          {
            name: field(() => 'МИД России'),
            type: field(() => pick(['public_channel', 'private_channel', 'personal_chat', 'private_group'])),
            // With all three before the messages a stream reads them as they come; else it keeps them.
            id: rand() < 0.5 ? field(() => pick([1065276858, 42])) : undefined,
            messages: field(() => Array.from({ length: int(8) }, message)),
          },
          null,
          rand() < 0.5 ? 1 : undefined,
        );
      default:
        return JSON.stringify(Array.from({ length: int(5) }, () => (rand() < 0.8 ? record() : value())));
    }
  };
  // Damage: cut short, a character replaced, a stray character put in.
  const damage = (s: string): string => {
    switch (int(5)) {
      case 0:
        return s.slice(0, int(s.length + 1));
      case 1: {
        const i = int(s.length);
        return s.slice(0, i) + pick(['"', '{', ']', ',', '\\', '\u0000', '\ud800', '\n', 'x']) + s.slice(i + 1);
      }
      case 2: {
        const i = int(s.length);
        return s.slice(0, i) + pick(['\\x00', '\\u0000', '\\ud800', '\\x41', '\r\n', '\ufeff']) + s.slice(i);
      }
      default:
        return s;
    }
  };
  return (): string => damage(document());
}

/** What the store needs of a post; an empty list means it can be stored as it is. */
function problems(p: RawPost, i: number): string[] {
  const out: string[] = [];
  const storable = (s: string) => !s.includes('\u0000') && s.isWellFormed();
  if (typeof p.text !== 'string' || p.text.trim() === '' || !storable(p.text)) out.push(`text ${JSON.stringify(p.text)}`);
  if (p.postedAt !== null && (!(p.postedAt instanceof Date) || Number.isNaN(p.postedAt.getTime()) || p.postedAt.getUTCFullYear() < 1900 || p.postedAt.getUTCFullYear() > 2100)) {
    out.push(`postedAt ${String(p.postedAt)}`);
  }
  for (const [k, v] of [['externalId', p.externalId], ['channel', p.channel]] as const) {
    if (v !== null && (typeof v !== 'string' || v.length > 200 || !storable(v))) out.push(`${k} ${JSON.stringify(v)}`);
  }
  if (p.url !== null && (typeof p.url !== 'string' || !storable(p.url))) out.push(`url ${JSON.stringify(p.url)}`);
  if (p.lang !== null && p.lang !== 'ru' && p.lang !== 'en') out.push(`lang ${JSON.stringify(p.lang)}`);
  if (p.seq !== i) out.push(`seq ${p.seq} at ${i}`);
  return out;
}

describe(`reading ${SEEDS.length * FILES_PER_SEED} generated files (${SEEDS.length} seeds × ${FILES_PER_SEED})`, () => {
  test.each(SEEDS)(`seed %i: ${FILES_PER_SEED} files give storable posts or one InputError line naming the file`, (seed) => {
    const next = generator(seed);
    const failures: string[] = [];
    let read = 0;
    let refused = 0;
    for (let i = 0; i < FILES_PER_SEED; i++) {
      const content = next();
      const where = `seed ${seed}, file ${i}`;
      try {
        const posts = readPosts(content, { fileName: 'f.json' });
        posts.forEach((p, j) => failures.push(...problems(p, j).map((m) => `${where}, post ${j}: ${m}`)));
        read++;
      } catch (e) {
        refused++;
        if (!(e instanceof InputError)) failures.push(`${where}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} for ${JSON.stringify(content).slice(0, 200)}`);
        else if (!e.message.startsWith('f.json: ') || e.message.includes('\n')) failures.push(`${where}: message ${JSON.stringify(e.message)}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // Both outcomes must be common, or the generator is not trying the reader.
    expect(read).toBeGreaterThan(FILES_PER_SEED / 10);
    expect(refused).toBeGreaterThan(FILES_PER_SEED / 10);
  });
});

/** What a read came to: the posts, or the error's message. */
type Outcome = { posts: RawPost[] } | { error: string };

/** The reader as it reads a whole file: the bytes checked, then the text read at once. */
function readWhole(bytes: Buffer): Outcome {
  try {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new InputError(`f.json: NUL byte at offset ${nul}; ${BINARY_FILE}`);
    return { posts: readPosts(new TextDecoder('utf-8', { fatal: true }).decode(bytes), { fileName: 'f.json' }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

async function readStreamed(bytes: Buffer, chunkBytes: number): Promise<Outcome> {
  const posts: RawPost[] = [];
  try {
    for await (const batch of streamPosts(memoryInput('f.json', bytes, chunkBytes), {}, 3)) posts.push(...batch);
    return { posts };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Errors of the file's bytes or syntax, which a whole read finds before it reads any post. */
const kindOf = (m: string) => /^f\.json: (malformed JSON|NUL byte|not valid UTF-8)/.exec(m)?.[1] ?? null;

describe(`streamed as read whole: ${SEEDS.length * FILES_PER_SEED} generated files cut in chunks of 1 byte to 1 MB`, () => {
  // The same files as above. A file that is valid JSON gives the same posts or the same error
  // either way. A file that is not (bad bytes, bad syntax) may stop a stream at a bad post
  // before the place that a whole read reports first; an error of the same kind is the whole
  // read's, word for word, position and all.
  test.each(SEEDS)('seed %i', async (seed) => {
    const next = generator(seed);
    const failures: string[] = [];
    const cuts = [1, 2, 3, 5, 64, 1 << 20];
    let same = 0;
    for (let i = 0; i < FILES_PER_SEED; i++) {
      const bytes = Buffer.from(next());
      const whole = readWhole(bytes);
      const streamed = await readStreamed(bytes, cuts[i % cuts.length]!);
      const where = `seed ${seed}, file ${i}, chunks of ${cuts[i % cuts.length]}: ${JSON.stringify(bytes.toString()).slice(0, 300)}`;
      if ('posts' in whole) {
        if ('error' in streamed) failures.push(`${where}: whole read ${whole.posts.length} posts, stream failed: ${streamed.error}`);
        else if (JSON.stringify(streamed.posts) !== JSON.stringify(whole.posts)) failures.push(`${where}: posts differ`);
        else same++;
      } else if (!('error' in streamed)) failures.push(`${where}: whole failed (${whole.error}), stream read ${streamed.posts.length} posts`);
      else if (streamed.error !== whole.error && !(kindOf(whole.error) && kindOf(streamed.error) !== kindOf(whole.error))) failures.push(`${where}: ${JSON.stringify(whole.error)} whole, ${JSON.stringify(streamed.error)} streamed`);
      else same++;
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(same).toBeGreaterThan(FILES_PER_SEED * 0.9);
  });
});
