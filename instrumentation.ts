// Runs once when a server process starts, before it serves (Next.js's instrumentation hook).
export async function register(): Promise<void> {
  // Node's HTTP server only: there is none to guard in the edge runtime.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installMethodGuard } = await import('@/lib/server/method-guard');
  installMethodGuard();
}
