import 'server-only';
// Answers kept until the data changes. Every answer of the web app is a function of the data
// version and the request's path and query (its ETag says so, lib/server/http.ts etagFor): the same view
// asked for again, by another reader of a shared link, a link preview, a screenshot, is the same
// answer until the next ingest bumps the version, and is given again without its queries or its
// drawing. Each kind is bounded by a count and, for stored answers, by bytes; the least recently
// used goes first. One process's memory: servers side by side keep their own.

/** A least-recently-used map, bounded by count and by a size per entry. */
export class LruMemo<V> {
  private readonly entries = new Map<string, { value: V; size: number }>();
  private total = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxSize = Infinity,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e.value;
  }

  set(key: string, value: V, size = 0): void {
    if (size > this.maxSize) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.size;
    }
    this.entries.set(key, { value, size });
    this.total += size;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.total <= this.maxSize) break;
      this.entries.delete(k);
      this.total -= e.size;
    }
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}

interface StoredAnswer {
  body: Uint8Array;
  status: number;
  headers: [string, string][];
}

/** Whole answers (JSON, pictures) by ETag. */
export class ResponseMemo {
  readonly lru: LruMemo<StoredAnswer>;
  constructor(maxEntries: number, maxBytes: number) {
    this.lru = new LruMemo(maxEntries, maxBytes);
  }

  get(etag: string): Response | undefined {
    const e = this.lru.get(etag);
    return e && new Response(new Uint8Array(e.body), { status: e.status, headers: e.headers });
  }

  async set(etag: string, answer: Response): Promise<void> {
    const body = new Uint8Array(await answer.arrayBuffer());
    this.lru.set(etag, { body, status: answer.status, headers: [...answer.headers] }, body.length);
  }
}

const globalForMemo = globalThis as unknown as { sidelinesMemo?: { json: ResponseMemo; pictures: ResponseMemo; pages: LruMemo<unknown> } };

/**
 * The process's memos: JSON answers of the dashboard's reads (1,000, 64 MB), pictures drawn (64,
 * 32 MB), and the data pages are rendered from (500 views). SIDELINES_MEMO=off turns them off, to
 * measure what a read costs from the database every time.
 */
export function memos(): { json: ResponseMemo; pictures: ResponseMemo; pages: LruMemo<unknown> } | null {
  if (process.env.SIDELINES_MEMO === 'off') return null;
  return (globalForMemo.sidelinesMemo ??= {
    json: new ResponseMemo(1_000, 64 * 1024 * 1024),
    pictures: new ResponseMemo(64, 32 * 1024 * 1024),
    pages: new LruMemo(500),
  });
}

/** Empties the memos: the process reads another database from now on. */
export function forgetAnswers(): void {
  const m = globalForMemo.sidelinesMemo;
  if (!m) return;
  m.json.lru.clear();
  m.pictures.lru.clear();
  m.pages.clear();
}
