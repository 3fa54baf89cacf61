// The production server's answers to methods it does not serve, to forged forwarded headers,
// and its health check, over real HTTP (node:http: fetch itself cannot send TRACE).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALLOW, SECURITY_HEADERS } from '@/lib/server/methods';
import { startAppServer, type AppServer } from '@/scripts/testing/app-server';
import { dbKind } from '@/scripts/testing/db';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(base: string, method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: `${url.pathname}${url.search}`, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function expectSecurityHeaders(a: Answer, what: string): void {
  // Each exactly once: a refusal made by proxy.ts gets next.config.js's too.
  for (const { key, value } of SECURITY_HEADERS) expect(a.headers[key.toLowerCase()], `${what}: ${key}`).toBe(value);
}

const PATHS = ['/', '/events/1', '/weekly/2023-W38', '/api/stats/headline', '/api/health', '/maps/countries-110m.json'];

describe(`methods, forwarded headers and health on the production build (${dbKind} database)`, () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer();
  }, 300_000);
  afterAll(() => app?.stop());

  test.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'POST', 'PROPFIND'])('%s is a 405 with Allow and the security headers everywhere', async (method) => {
    for (const path of PATHS) {
      const a = await send(app.url, method, path);
      expect(a.status, `${method} ${path}`).toBe(405);
      expect(a.headers.allow, `${method} ${path}`).toBe(ALLOW);
      expectSecurityHeaders(a, `${method} ${path}`);
      expect(a.body).toMatch(new RegExp(`${method} is not allowed here`));
    }
  });

  test('OPTIONS is a 204 with Allow; GET and HEAD are answered as before', async () => {
    for (const path of PATHS) {
      const options = await send(app.url, 'OPTIONS', path);
      expect(options.status, path).toBe(204);
      expect(options.headers.allow).toBe(ALLOW);
      expectSecurityHeaders(options, `OPTIONS ${path}`);
    }
    for (const method of ['GET', 'HEAD']) {
      const page = await send(app.url, method, '/');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      expectSecurityHeaders(page, `${method} /`);
      const api = await send(app.url, method, '/api/stats/headline');
      expect(api.status).toBe(200);
      expectSecurityHeaders(api, `${method} /api/stats/headline`);
    }
  });

  test('forged X-Forwarded-Host and -Proto do not move og:image when no proxy is trusted', async () => {
    const page = await send(app.url, 'GET', '/?topic=middle_east', { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' });
    const og = /<meta property="og:image" content="([^"]+)"/.exec(page.body)?.[1];
    expect(og).toBe(`${app.url}/api/preview?topic=middle_east`);
    expect(page.body).not.toContain('evil.example');
  });

  test('/api/health says ok and the data version, and nothing about the software or where it runs', async () => {
    const a = await send(app.url, 'GET', '/api/health');
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toEqual({ ok: true, status: 'ok', dataVersion: expect.any(Number), channels: expect.any(Array) });
  });
});
