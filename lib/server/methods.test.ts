// The methods the site answers, tried on proxy.ts and on the guard in front of Next.js with a
// real Node HTTP server; the production build's answers are tried in app/methods.browser.test.ts.
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { proxy } from '@/proxy';
import { installMethodGuard } from './method-guard';
import { ALLOW, SECURITY_HEADERS } from './methods';

function expectSecurityHeaders(h: Headers | http.IncomingHttpHeaders): void {
  const get = (k: string) => (h instanceof Headers ? h.get(k) : (h[k.toLowerCase()] as string | undefined));
  for (const { key, value } of SECURITY_HEADERS) expect(get(key), key).toBe(value);
  expect(get('allow')).toBe(ALLOW);
}

test("the security headers are next.config.js's, so a refusal made outside Next.js has the same", async () => {
  // Loaded by its address, as a plain JavaScript module that has no types.
  const url = pathToFileURL(path.join(process.cwd(), 'next.config.js')).href;
  const config = ((await import(url)) as { default: { headers(): Promise<unknown> } }).default;
  const rules = await config.headers();
  expect(rules).toEqual([{ source: '/:path*', headers: [...SECURITY_HEADERS] }]);
});

describe('proxy.ts', () => {
  const call = (method: string, path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost${path}`, { method, headers }));

  test.each(['POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'M-SEARCH', 'QUERY'])('%s is a 405 with Allow on pages, the API and files', async (method) => {
    for (const path of ['/', '/events/1', '/weekly/2023-W38', '/api/stats/headline', '/api/events/export', '/maps/countries-110m.json', '/_next/static/x.js']) {
      const res = call(method, path);
      expect(res.status, `${method} ${path}`).toBe(405);
      expectSecurityHeaders(res.headers);
      const body = await res.text();
      if (path.startsWith('/api/')) expect(JSON.parse(body).error).toMatch(new RegExp(`^${method} is not allowed here; the site answers GET, HEAD, OPTIONS`));
      else expect(body).toMatch(/is not allowed here/);
    }
  });

  test('OPTIONS is a 204 that says what is allowed', () => {
    for (const path of ['/', '/api/stats/headline']) {
      const res = call('OPTIONS', path);
      expect(res.status).toBe(204);
      expectSecurityHeaders(res.headers);
    }
  });

  test('GET and HEAD go on: pages with a nonce CSP, the rest as they were', () => {
    for (const method of ['GET', 'HEAD']) {
      const page = call(method, '/?country=VE');
      expect(page.headers.get('x-middleware-next')).toBe('1');
      expect(page.headers.get('content-security-policy')).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      for (const path of ['/api/stats/headline', '/_next/static/chunks/a.js', '/maps/countries-110m.json']) {
        const res = call(method, path);
        expect(res.headers.get('x-middleware-next')).toBe('1');
        expect(res.headers.get('content-security-policy')).toBeNull();
      }
      expect(call(method, '/', { 'next-router-prefetch': '1' }).headers.get('content-security-policy')).toBeNull();
    }
  });
});

describe('the guard in front of Next.js', () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    installMethodGuard();
    installMethodGuard();
    // As Next.js does with every request: a fetch Request, which cannot be made for TRACE.
    server = http.createServer((req, res) => {
      try {
        const r = new Request(`http://localhost${req.url}`, { method: req.method });
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end(r.method);
      } catch {
        res.writeHead(500).end('Internal Server Error');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (method: string, path: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  test('the fetch standard forbids TRACE: Next.js cannot make a Request of it', () => {
    expect(() => new Request('http://localhost/', { method: 'TRACE' })).toThrow(/TRACE/);
  });

  test('TRACE is a 405 with Allow and the security headers, on a page and on the API', async () => {
    const page = await send('TRACE', '/');
    expect(page.status).toBe(405);
    expectSecurityHeaders(page.headers);
    expect(page.body).toMatch(/^TRACE is not allowed here/);
    const api = await send('TRACE', '/api/health');
    expect(api.status).toBe(405);
    expectSecurityHeaders(api.headers);
    expect(JSON.parse(api.body).error).toMatch(/^TRACE is not allowed here/);
  });

  test('every other request reaches the server as before', async () => {
    expect(await send('GET', '/')).toMatchObject({ status: 200, body: 'GET' });
    expect(await send('PUT', '/x')).toMatchObject({ status: 200, body: 'PUT' });
  });
});
