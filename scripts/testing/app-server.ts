// Serves the production build for browser tests the way a user starts it (`npm start`): on a
// fresh database of its own, loaded with the bundled sample, on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serverDatabase } from './server-db';

export interface AppServer {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * With no options: a fresh database of its own, which the start script fills with the sample.
 * With `database`: that database as it is (benchmarks bring their own).
 */
export async function startAppServer(opts: { database?: { url?: string; dataDir?: string } } = {}): Promise<AppServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NODE_ENV: 'production' };
  let cleanup = async () => {};
  const serverUrl = process.env.DATABASE_URL;
  if (opts.database) {
    delete env.DATABASE_URL;
    delete env.SIDELINES_DATA_DIR;
    if (opts.database.url) env.DATABASE_URL = opts.database.url;
    if (opts.database.dataDir) env.SIDELINES_DATA_DIR = opts.database.dataDir;
  } else if (serverUrl) {
    const server = await serverDatabase(serverUrl, 'sidelines_app');
    env.DATABASE_URL = server.url;
    cleanup = server.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-app-'));
    env.SIDELINES_DATA_DIR = dir;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const child = spawn(path.join(process.cwd(), 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => log);
  } catch (err) {
    kill(child);
    await cleanup();
    throw err;
  }
  return {
    url,
    async stop() {
      kill(child);
      await new Promise((r) => setTimeout(r, 300));
      await cleanup();
    },
  };
}

function kill(child: ChildProcess): void {
  // The start script runs `next start` as its own child: end the whole group.
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 280_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${log().slice(-2000)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer within the time allowed:\n${log().slice(-2000)}`);
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Where browser tests leave screenshots to look at (gitignored). */
export function screenshotPath(name: string): string {
  const dir = path.join(process.cwd(), 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}-${process.env.DATABASE_URL ? 'server' : 'embedded'}.png`);
}
