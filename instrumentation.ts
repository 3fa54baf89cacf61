// Runs once when a server process starts, before it serves (Next.js's instrumentation hook).
export async function register(): Promise<void> {
  // Node's HTTP server only: there is none to guard in the edge runtime.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installMethodGuard } = await import('@/lib/server/method-guard');
  installMethodGuard();
  // On the embedded database, commands store through this server while it holds the folder: its
  // socket listens before the first request, so a command run just after the start finds it.
  const { startIngestSocket } = await import('@/lib/server/ingest-socket');
  await startIngestSocket();
  // SIDELINES_SYNC=MFARussia,MID_Russia: the channels read every SIDELINES_SYNC_MINUTES (15).
  const { startSyncFromEnv } = await import('@/lib/server/sync-schedule');
  startSyncFromEnv();
}
