// Which host a shared link's picture points at: forwarded headers only behind a trusted proxy.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { siteUrl } from './site-url';

const request = (h: Record<string, string>) => new Headers(h);
const FORGED = { host: 'sidelines.example:3000', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

describe('siteUrl', () => {
  test('no proxy configured: X-Forwarded-Host and -Proto are ignored, the request\'s own Host is used', () => {
    expect(siteUrl(request(FORGED), {}).href).toBe('http://sidelines.example:3000/');
    expect(siteUrl(request(FORGED), { SIDELINES_TRUST_PROXY: '0' }).href).toBe('http://sidelines.example:3000/');
  });

  test('SIDELINES_TRUST_PROXY=1: the host and scheme the proxy forwards, the first of a list', () => {
    const env = { SIDELINES_TRUST_PROXY: '1' };
    expect(siteUrl(request(FORGED), env).href).toBe('https://evil.example/');
    expect(siteUrl(request({ host: 'app:3000', 'x-forwarded-host': 'news.example, app:3000', 'x-forwarded-proto': 'https,http' }), env).href).toBe('https://news.example/');
    // Nothing forwarded: the request's own.
    expect(siteUrl(request({ host: 'app:3000' }), env).href).toBe('http://app:3000/');
  });

  test('SIDELINES_PUBLIC_URL wins over every header, trusted or not', () => {
    for (const trust of ['0', '1']) {
      expect(siteUrl(request(FORGED), { SIDELINES_PUBLIC_URL: 'https://sidelines.example.org', SIDELINES_TRUST_PROXY: trust }).href).toBe('https://sidelines.example.org/');
    }
  });

  test.each([
    ['a host with a path', { host: 'good.example', 'x-forwarded-host': 'evil.example/x' }],
    ['a host with a user', { host: 'good.example', 'x-forwarded-host': 'user@evil.example' }],
    ['a second URL', { host: 'good.example', 'x-forwarded-host': 'evil.example?x=http://a' }],
    ['a scheme that is not http', { host: 'good.example', 'x-forwarded-proto': 'javascript' }],
  ])('malformed forwarded values are ignored even when trusted: %s', (_, h) => {
    expect(siteUrl(request(h), { SIDELINES_TRUST_PROXY: '1' }).href).toBe('http://good.example/');
  });

  test('a malformed Host or public URL falls back, never throws', () => {
    expect(siteUrl(request({ host: 'a b/c' }), {}).href).toBe('http://localhost/');
    expect(siteUrl(request({}), {}).href).toBe('http://localhost/');
    expect(siteUrl(request({ host: '[::1]:3000' }), {}).href).toBe('http://[::1]:3000/');
    expect(siteUrl(request({ host: 'good.example' }), { SIDELINES_PUBLIC_URL: 'not a url' }).href).toBe('http://good.example/');
    expect(siteUrl(request({ host: 'good.example' }), { SIDELINES_PUBLIC_URL: 'javascript:alert(1)' }).href).toBe('http://good.example/');
  });
});

// The page metadata itself, as Next.js calls it for a request with forged forwarded headers.
const incoming = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => incoming.headers }));

describe('the layout\'s metadataBase', () => {
  afterEach(() => vi.unstubAllEnvs());

  test('follows siteUrl: forged forwarded headers change nothing unless a proxy is trusted', async () => {
    const { generateMetadata } = await import('@/app/layout');
    incoming.headers = request(FORGED);
    vi.stubEnv('SIDELINES_PUBLIC_URL', '');
    vi.stubEnv('SIDELINES_TRUST_PROXY', '');
    expect(String((await generateMetadata()).metadataBase)).toBe('http://sidelines.example:3000/');
    vi.stubEnv('SIDELINES_TRUST_PROXY', '1');
    expect(String((await generateMetadata()).metadataBase)).toBe('https://evil.example/');
    vi.stubEnv('SIDELINES_PUBLIC_URL', 'https://sidelines.example.org');
    expect(String((await generateMetadata()).metadataBase)).toBe('https://sidelines.example.org/');
  });
});
