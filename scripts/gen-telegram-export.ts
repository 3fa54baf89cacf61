// npx tsx scripts/gen-telegram-export.ts --out FILE [--mb 1000] [--old]
//
// A Telegram Desktop channel export of a given size, for measuring how the reader copes with a
// large one: the real posts of data/eval repeated, each copy a day later with new message ids and
// a line of its own (so that no two posts are the same text), written the way the exporter
// writes (one-space indentation, text in pieces and again in text_entities, service messages and
// photos without text among them). --old leaves out date_unixtime, as exports before 2021 do.
// The file is written as a stream, in the memory of one message; it is for a temporary folder,
// not for the repository.
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { profileFor } from '@/lib/ingest/channels';
import { wallTimeAt } from '@/lib/domain/calendar';

const { values } = parseArgs({ options: { out: { type: 'string' }, mb: { type: 'string', default: '1000' }, old: { type: 'boolean', default: false } } });
if (!values.out) {
  console.error('usage: npx tsx scripts/gen-telegram-export.ts --out FILE [--mb 1000] [--old]');
  process.exit(2);
}
const target = Number(values.mb) * 1e6;
if (!(target > 0)) {
  console.error(`--mb must be a positive number (got "${values.mb}")`);
  process.exit(2);
}

const EVAL = path.join(process.cwd(), 'data/eval');
const posts = ['mfarussia-2025-12-2026-03.jsonl', 'kremlin-ru-2025-02-2025-05.jsonl'].flatMap((f) =>
  readFileSync(path.join(EVAL, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; date: string }),
);
const zone = profileFor('MID_Russia').timeZone;

/** The exporter's layout: one-space indentation, the message two levels in. */
const indent = (json: string): string => json.replace(/^/gm, '  ');

const out = createWriteStream(values.out);
async function write(s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

let bytes = 0;
let id = 0;
await write('{\n "name": "МИД России 🇷🇺",\n "type": "public_channel",\n "id": 1065276858,\n "messages": [\n');
for (let copy = 0; bytes < target; copy++) {
  for (const [i, p] of posts.entries()) {
    id++;
    const at = new Date(Date.parse(p.date) + copy * 86_400_000);
    const when = { date: wallTimeAt(at, zone), ...(values.old ? {} : { date_unixtime: String(Math.floor(at.getTime() / 1000)) }) };
    let msg: object;
    if (i % 50 === 7) msg = { id, type: 'service', ...when, actor: 'МИД России 🇷🇺', actor_id: 'channel1065276858', action: 'pin_message', message_id: id - 1, text: '', text_entities: [] };
    else if (i % 40 === 3) msg = { id, type: 'message', ...when, from: 'МИД России 🇷🇺', from_id: 'channel1065276858', photo: '(File not included. Change data exporting settings to download.)', width: 1280, height: 853, text: '', text_entities: [] };
    else {
      const text = `${p.text}\n\n#копия${copy}`;
      const cut = text.indexOf(' ', 20);
      const plain = { type: 'plain', text: cut > 0 ? text.slice(0, cut) : text };
      const pieces = cut > 0 ? [plain, { type: 'bold', text: text.slice(cut) }] : [plain];
      msg = { id, type: 'message', ...when, from: 'МИД России 🇷🇺', from_id: 'channel1065276858', text: [plain.text, ...pieces.slice(1)], text_entities: pieces };
    }
    const s = `${id > 1 ? ',\n' : ''}${indent(JSON.stringify(msg, null, 1))}`;
    bytes += Buffer.byteLength(s);
    await write(s);
    if (bytes >= target) break;
  }
}
await write('\n ]\n}\n');
out.end();
await once(out, 'finish');
console.log(`${values.out}: ${id} messages, ${(bytes / 1e6).toFixed(1)} MB`);
