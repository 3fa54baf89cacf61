// The embedded database in a thread of its own (db/pglite-thread.ts starts it): PGlite runs
// PostgreSQL in WebAssembly, and each of its queries holds the thread it runs in until it is done.
// Here that is this worker's thread, not the web server's, which goes on reading requests and
// rendering pages meanwhile. Plain JavaScript, so that Node starts it as it is, from a production
// build too.
import { parentPort, workerData } from 'node:worker_threads';

/** An error as plain data: its message and the fields PostgreSQL gives (code, severity, ...). */
function plainError(err) {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const out = { name: err.name, message: err.message, stack: err.stack };
  for (const [k, v] of Object.entries(err)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  }
  return out;
}

const { PGlite, types } = await import('@electric-sql/pglite');
let pglite;
try {
  pglite = new PGlite({
    dataDir: workerData.dataDir,
    loadDataDir: workerData.loadDataDir ? new Blob([workerData.loadDataDir]) : undefined,
    // As in db/index.ts: dates stay YYYY-MM-DD text and counts come back as numbers.
    parsers: { [types.DATE]: (v) => v, [types.INT8]: (v) => Number(v) },
  });
  await pglite.waitReady;
  parentPort.postMessage({ id: 0, ok: true });
} catch (err) {
  parentPort.postMessage({ id: 0, ok: false, error: plainError(err) });
  process.exit(1);
}

parentPort.on('message', async (msg) => {
  if (msg.op === 'close') {
    try {
      await pglite.close();
      parentPort.postMessage({ id: msg.id, ok: true });
    } catch (err) {
      parentPort.postMessage({ id: msg.id, ok: false, error: plainError(err) });
    }
    parentPort.close();
    return;
  }
  try {
    const result = await pglite.query(msg.sql, msg.params);
    parentPort.postMessage({ id: msg.id, ok: true, rows: result.rows, affectedRows: result.affectedRows });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, ok: false, error: plainError(err) });
  }
});
