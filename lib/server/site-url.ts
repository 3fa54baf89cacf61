// The site's own absolute address, for what must be absolute (the pictures of a shared link).
// X-Forwarded-Host and X-Forwarded-Proto are whatever the client sent unless a reverse proxy in
// front sets them, so they are believed only when SIDELINES_TRUST_PROXY says such a proxy
// exists; otherwise anyone could make a page point its og:image at a host of their choosing.

interface HeaderSource {
  get(name: string): string | null;
}

// A host name, an IPv4 address or a bracketed IPv6 address, and an optional port: nothing that
// could carry a path, a user name or a second URL.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const FALLBACK_HOST = 'localhost';

const TRUE = /^(1|true|yes|on)$/i;

export function trustsProxy(env: Record<string, string | undefined> = process.env): boolean {
  return TRUE.test(env.SIDELINES_TRUST_PROXY?.trim() ?? '');
}

/** SIDELINES_PUBLIC_URL as a URL, or null when it is unset or not an http(s) URL. */
export function configuredPublicUrl(env: Record<string, string | undefined> = process.env): URL | null {
  const value = env.SIDELINES_PUBLIC_URL?.trim();
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The first of a comma-separated header (the proxy nearest the client wrote it first). */
function first(value: string | null): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}

/**
 * The site's origin: SIDELINES_PUBLIC_URL when set; else, behind a trusted proxy, the host and
 * scheme it forwards; else the Host the request came to, over http (`next start` serves http).
 */
export function siteUrl(headers: HeaderSource, env: Record<string, string | undefined> = process.env): URL {
  const configured = configuredPublicUrl(env);
  if (configured) return configured;
  const ownHost = first(headers.get('host'));
  let host = ownHost && HOST.test(ownHost) ? ownHost : FALLBACK_HOST;
  let proto = 'http';
  if (trustsProxy(env)) {
    const forwardedHost = first(headers.get('x-forwarded-host'));
    if (forwardedHost && HOST.test(forwardedHost)) host = forwardedHost;
    const forwardedProto = first(headers.get('x-forwarded-proto'))?.toLowerCase();
    if (forwardedProto === 'http' || forwardedProto === 'https') proto = forwardedProto;
  }
  return new URL(`${proto}://${host}`);
}
