import 'server-only';
// `npm start` keeps channels in sync by itself: SIDELINES_SYNC=MFARussia,MID_Russia reads each
// channel's public page every SIDELINES_SYNC_MINUTES (15 by default; a first run reads back to
// SIDELINES_SYNC_SINCE, or 30 days) inside the server, so the
// embedded database stays one process's. A run reads the pages first and stores them in one
// transaction in the server's queue of writes (lib/server/ingest-socket.ts inTurn); a failed
// run is said in the log and tried again at the next turn, going on from what it read.
import path from 'node:path';
import type { Kysely } from 'kysely';
import { configFromEnv, createDb, migrateToLatest, type Database } from '@/db';
import { isCalendarDate } from '@/lib/domain/filters';
import { syncSources, telegramHandle, type SyncSource, type SyncSummary } from '@/lib/load/sync';
import { getDb } from '@/lib/server/db';
import { inTurn } from '@/lib/server/ingest-socket';

export const DEFAULT_SYNC_MINUTES = 15;

export interface SyncSchedule {
  /** Waits for a run under way, and stops. */
  stop(): Promise<void>;
  /** Runs so far, and what the last one did. */
  readonly runs: number;
  readonly last: SyncSummary | Error | null;
}

export interface ScheduleConfig {
  sources: SyncSource[];
  intervalMs: number;
  /** SIDELINES_SYNC_SINCE: how far back a channel's first run reads (by default 30 days). */
  since?: string;
}

/** SIDELINES_SYNC and SIDELINES_SYNC_MINUTES read, or null when there is nothing to sync; an Error for a bad value. */
export function scheduleFromEnv(env: Record<string, string | undefined>): ScheduleConfig | null {
  const list = (env.SIDELINES_SYNC ?? '').split(/[\s,]+/).filter(Boolean);
  if (!list.length) return null;
  const bad = list.filter((c) => !telegramHandle(c));
  if (bad.length) throw new Error(`SIDELINES_SYNC: ${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is not a public Telegram channel name' : 'are not public Telegram channel names'}`);
  const raw = env.SIDELINES_SYNC_MINUTES?.trim();
  const minutes = raw ? Number(raw) : DEFAULT_SYNC_MINUTES;
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > 24 * 60) throw new Error(`SIDELINES_SYNC_MINUTES: must be minutes from 1 to 1440 (got "${raw}")`);
  const since = env.SIDELINES_SYNC_SINCE?.trim() || undefined;
  if (since !== undefined && !isCalendarDate(since)) throw new Error(`SIDELINES_SYNC_SINCE: must be a day written YYYY-MM-DD (got "${since}")`);
  return { sources: [...new Set(list.map((c) => telegramHandle(c)!))].map((channel) => ({ kind: 'telegram', channel })), intervalMs: minutes * 60_000, since };
}

/** One line for the server's log. */
export function runLine(s: SyncSummary): string {
  const channels = s.sources.map((x) => x.channel).join(', ');
  return `sync: ${channels}: ${s.store.postsNew} new, ${s.store.postsEdited} edited, ${s.store.eventsCreated} events created (${s.requests} requests, ${s.seconds.toFixed(1)} s)`;
}

/**
 * Starts the schedule: a first run soon after the start, then one every interval, never two at
 * once. `db` is the database to store in; by default the web app's own (embedded, in a read-write
 * transaction) or, on a server, a writer opened for each run.
 */
export function startSyncSchedule(
  config: ScheduleConfig,
  opts: { env?: Record<string, string | undefined>; db?: Kysely<Database>; firstDelayMs?: number; delayMs?: number; log?: (line: string) => void } = {},
): SyncSchedule {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const dbConfig = configFromEnv(env, 'write');
  const stateDir = path.resolve(/*turbopackIgnore: true*/ env.SIDELINES_DATA_DIR?.trim() || '.data');
  let runs = 0;
  let last: SyncSummary | Error | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function withDb<T>(f: (db: Kysely<Database>, readWrite: boolean) => Promise<T>): Promise<T> {
    if (opts.db) return f(opts.db, false);
    if (!dbConfig.url) return f(await getDb(), true);
    // The web app reads as a read-only role on a server: a run writes as the owner.
    const writer = await createDb({ ...dbConfig, poolMax: 1 });
    try {
      await migrateToLatest(writer);
      return await f(writer, false);
    } finally {
      await writer.destroy();
    }
  }

  async function runOnce(): Promise<void> {
    try {
      const summary = await withDb((db, readWrite) =>
        syncSources(db, config.sources, {
          since: config.since,
          delayMs: opts.delayMs,
          telegramBase: env.SIDELINES_TELEGRAM_URL?.trim() || undefined,
          stateDir,
          store: { replaceSample: true, readWrite },
          inTurn,
          onWait: (ms, why) => log(`sync: ${why}; waiting ${(ms / 1000).toFixed(1)} s`),
        }),
      );
      last = summary;
      log(runLine(summary));
    } catch (err) {
      last = err instanceof Error ? err : new Error(String(err));
      console.warn(`sync: not stored this time (tried again in ${Math.round(config.intervalMs / 60_000)} min, going on from what was read): ${last.message.split('\n')[0]}`);
    } finally {
      runs++;
    }
  }

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = null;
        schedule(config.intervalMs);
      });
    }, ms);
    timer.unref();
  };
  schedule(opts.firstDelayMs ?? 10_000);
  log(`sync: keeping ${config.sources.map((s) => (s.kind === 'telegram' ? `@${s.channel}` : s.url)).join(', ')} in sync every ${Math.round(config.intervalMs / 60_000)} min`);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    get runs() {
      return runs;
    },
    get last() {
      return last;
    },
  };
}

const globalForSync = globalThis as unknown as { sidelinesSync?: SyncSchedule };

/** For the web server, once at its start: the schedule SIDELINES_SYNC asks for, if any. A bad value is said and nothing runs. */
export function startSyncFromEnv(env: Record<string, string | undefined> = process.env): void {
  if (globalForSync.sidelinesSync) return;
  let config: ScheduleConfig | null;
  try {
    config = scheduleFromEnv(env);
  } catch (err) {
    console.error(`sync: not syncing: ${(err as Error).message}`);
    return;
  }
  if (config) globalForSync.sidelinesSync = startSyncSchedule(config, { env });
}
