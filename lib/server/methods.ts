// Which HTTP methods the site answers, and the answer to the others. Every page and route only
// reads: GET and HEAD, and OPTIONS to say so. Anything else is a 405 that says what is allowed
// and carries the same security headers as every other answer (next.config.js sets them on the
// answers Next.js makes; a refusal made before Next.js sees the request sets them itself).

export const ALLOWED_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];
export const ALLOW = ALLOWED_METHODS.join(', ');

/** The same list as next.config.js's `securityHeaders` (a test holds the two together). */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

// A refusal has nothing to run or show: the strictest policy there is.
const REFUSAL_CSP = "default-src 'none'; frame-ancestors 'none'";

export function isAllowedMethod(method: string): boolean {
  return ALLOWED_METHODS.includes(method.toUpperCase());
}

/** The headers of a 405 or of the answer to OPTIONS, security headers included. */
export function refusalHeaders(pathname: string): Record<string, string> {
  const headers: Record<string, string> = { Allow: ALLOW, 'Cache-Control': 'no-store', 'Content-Security-Policy': REFUSAL_CSP };
  for (const { key, value } of SECURITY_HEADERS) headers[key] = value;
  headers['Content-Type'] = isApiPath(pathname) ? 'application/json' : 'text/plain; charset=utf-8';
  return headers;
}

/** The body of a 405: JSON with an `error` on the API, as its other refusals are; text elsewhere. */
export function refusalBody(method: string, pathname: string): string {
  // The method is echoed only if it is a plain token, so the body never carries the client's bytes.
  const name = /^[A-Za-z-]{1,20}$/.test(method) ? method.toUpperCase() : 'this method';
  const message = `${name} is not allowed here; the site answers ${ALLOW}`;
  return isApiPath(pathname) ? JSON.stringify({ error: message }) : `${message}\n`;
}

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}
