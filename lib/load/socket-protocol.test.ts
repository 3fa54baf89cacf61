// The hand-over's messages: what one side encodes the other decodes to the same thing, Dates
// included; a line may arrive in pieces; what is not a message of this version is refused by name.
import net from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { RawPost } from '@/lib/ingest/types';
import {
  ConnectionClosed,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  LineDecoder,
  MessageSocket,
  PROTOCOL_VERSION,
  ProtocolError,
  type ClientMessage,
  type ServerMessage,
} from './socket-protocol';
import type { StoreSummary } from './store';

const post = (over: Partial<RawPost> = {}): RawPost => ({
  channel: 'MFARussia',
  externalId: '31001',
  postedAt: new Date('2024-03-05T08:20:00.000Z'),
  lang: 'en',
  text: 'Russian Foreign Minister Sergey Lavrov held talks with Minister of Foreign Affairs of Türkiye Hakan Fidan.\n\nThe Ministers discussed the Middle East.',
  url: 'https://t.me/MFARussia/31001',
  seq: 0,
  ...over,
});

const summary: StoreSummary = {
  postsRead: 3,
  postsNew: 2,
  postsExisting: 1,
  postsEdited: 0,
  eventsCreated: 2,
  eventsMerged: 1,
  eventsKept: 0,
  eventsRetired: 0,
  postsNoEvent: 0,
  postsFailed: 1,
  postsUndated: 0,
  samplePostsRemoved: 0,
  sampleEventsRemoved: 0,
  failures: [{ post: 'MFARussia/31003', message: 'time budget exceeded' }],
};

/** The line without its newline, as a decoder hands it over. */
const line = (m: ClientMessage | ServerMessage) => encode(m).slice(0, -1);

describe('messages', () => {
  test('each is one line, ending in a newline, whatever newlines its strings hold', () => {
    const text = encode({ type: 'batch', posts: [post()] });
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toMatch(/\n/);
  });

  test.each<ClientMessage>([
    { type: 'store', v: PROTOCOL_VERSION, options: { channel: 'MFARussia', year: 2024, replaceSample: false, source: 'mfa.jsonl', synced: ['MFARussia'] } },
    { type: 'store', v: PROTOCOL_VERSION, options: {} },
    { type: 'reparse', v: PROTOCOL_VERSION, options: { year: 2023 } },
    { type: 'batch', posts: [post(), post({ externalId: null, postedAt: null, lang: null, url: null, seq: 1, channel: null })], source: 'posts.txt' },
    { type: 'end' },
    { type: 'abort', message: 'mfa.jsonl line 3 is not JSON' },
  ])('the command sends $type, the server reads the same', (m) => {
    expect(decodeClientMessage(line(m))).toEqual(m);
  });

  test.each<ServerMessage>([
    { type: 'hello', v: PROTOCOL_VERSION },
    { type: 'pull' },
    { type: 'progress', phase: 'posts stored', done: 2000, total: 0 },
    { type: 'done', summary },
    { type: 'error', message: 'no space left on the device holding the database (/srv/data): free some space and run it again' },
  ])('the server sends $type, the command reads the same', (m) => {
    expect(decodeServerMessage(line(m))).toEqual(m);
  });

  test('a post time travels as an ISO string and is a Date again, the same instant', () => {
    const text = line({ type: 'batch', posts: [post()] });
    expect(text).toContain('"postedAt":"2024-03-05T08:20:00.000Z"');
    const m = decodeClientMessage(text);
    if (m.type !== 'batch') throw new Error(m.type);
    expect(m.posts[0]!.postedAt).toBeInstanceOf(Date);
    expect(m.posts[0]!.postedAt!.getTime()).toBe(Date.parse('2024-03-05T08:20:00Z'));
  });

  test('an error keeps its message as it is, for the command to print', () => {
    const m = decodeServerMessage(line({ type: 'error', message: 'another ingest or reparse has held the write lock on this database for over 900 s; retry when it has finished' }));
    expect(m).toEqual({ type: 'error', message: 'another ingest or reparse has held the write lock on this database for over 900 s; retry when it has finished' });
  });

  test.each([
    ['not JSON', '{"type":"end"', /not JSON/],
    ['an unknown type', '{"type":"drop"}', /malformed message: type/],
    ['a post without its text', JSON.stringify({ type: 'batch', posts: [{ ...post(), text: undefined }] }), /malformed message: posts\.0\.text/],
    ['a date that is none', JSON.stringify({ type: 'batch', posts: [{ ...post(), postedAt: 'yesterday' }] }), /posts\.0\.postedAt: not a date/],
    ['a year out of range', JSON.stringify({ type: 'reparse', v: PROTOCOL_VERSION, options: { year: 1066 } }), /options\.year/],
    ['another version', JSON.stringify({ type: 'store', v: PROTOCOL_VERSION + 1, options: {} }), /speaks version 2 of the protocol and this server 1/],
    ['no version', JSON.stringify({ type: 'reparse', options: {} }), /speaks version undefined/],
  ])('the server refuses %s', (_name, text, message) => {
    expect(() => decodeClientMessage(text)).toThrow(ProtocolError);
    expect(() => decodeClientMessage(text)).toThrow(message);
  });

  test('the command refuses a summary without one of its counts', () => {
    const { postsNew: _, ...short } = summary;
    expect(() => decodeServerMessage(JSON.stringify({ type: 'done', summary: short }))).toThrow(/summary\.postsNew/);
  });
});

describe('LineDecoder', () => {
  test('a line in pieces, split inside a character, is one line when its newline comes', () => {
    const bytes = Buffer.from(encode({ type: 'batch', posts: [post({ text: 'Лавров провёл переговоры 🇷🇺🇹🇷' })] }) + encode({ type: 'end' }));
    for (const size of [1, 2, 3, 7, 64]) {
      const d = new LineDecoder();
      const lines: string[] = [];
      for (let i = 0; i < bytes.length; i += size) lines.push(...d.push(bytes.subarray(i, i + size)));
      d.end();
      expect(lines.map(decodeClientMessage)).toEqual([{ type: 'batch', posts: [post({ text: 'Лавров провёл переговоры 🇷🇺🇹🇷' })] }, { type: 'end' }]);
    }
  });

  test('a stream that ends in the middle of a line is a message cut short', () => {
    const d = new LineDecoder();
    expect(d.push(Buffer.from('{"type":"end"}\n{"type":"ba'))).toEqual(['{"type":"end"}']);
    expect(() => d.end()).toThrow(/ended in the middle of a message/);
  });

  test('a line longer than the bound is refused before it is all held', () => {
    const d = new LineDecoder(16);
    expect(() => d.push(Buffer.from('{"type":"batch","posts":['))).toThrow(/longer than 16 bytes/);
  });
});

describe('MessageSocket', () => {
  const open: net.Server[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });

  /** Two ends of one local connection. */
  async function pair(): Promise<{ client: net.Socket; server: net.Socket }> {
    const srv = net.createServer();
    open.push(srv);
    const accepted = new Promise<net.Socket>((resolve) => srv.once('connection', resolve));
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const client = net.createConnection((srv.address() as net.AddressInfo).port, '127.0.0.1');
    return { client, server: await accepted };
  }

  test('messages arrive in order; a closed connection and a silent one are said as such', async () => {
    const { client, server } = await pair();
    const c = new MessageSocket<ServerMessage, ClientMessage>(client, decodeServerMessage);
    const s = new MessageSocket<ClientMessage, ServerMessage>(server, decodeClientMessage);
    await c.send({ type: 'store', v: PROTOCOL_VERSION, options: { channel: 'MFARussia' } });
    for (let i = 0; i < 20; i++) await c.send({ type: 'batch', posts: [post({ seq: i })] });
    const got = [await s.receive(1000)];
    for (let i = 0; i < 20; i++) got.push(await s.receive(1000));
    expect(got.map((m) => (m.type === 'batch' ? m.posts[0]!.seq : m.type))).toEqual(['store', ...Array.from({ length: 20 }, (_, i) => i)]);
    await expect(s.receive(50)).rejects.toThrow(/nothing came for/);
    c.destroy();
    await expect(s.receive(1000)).rejects.toThrow(ConnectionClosed);
  });

  test('a line that is not a message fails the next receive with the reason', async () => {
    const { client, server } = await pair();
    const s = new MessageSocket<ClientMessage, ServerMessage>(server, decodeClientMessage);
    client.write('{"type":"end"}\n{"type":"nonsense"}\n');
    expect(await s.receive(1000)).toEqual({ type: 'end' });
    await expect(s.receive(1000)).rejects.toThrow(ProtocolError);
    client.destroy();
  });

  test('a connection closed in the middle of a line is a message cut short', async () => {
    const { client, server } = await pair();
    const s = new MessageSocket<ClientMessage, ServerMessage>(server, decodeClientMessage);
    client.end('{"type":"ba');
    await expect(s.receive(1000)).rejects.toThrow(/ended in the middle of a message/);
  });
});
