// Runs before every answer. Pages get a fresh nonce per request, put in the page's
// Content-Security-Policy and handed to Next.js (through the request's CSP header) so that its
// own scripts carry it. Every path, pages, API and files, refuses the methods the site does not
// answer with a 405 that says which it does (lib/server/methods.ts); TRACE never gets this far
// (lib/server/method-guard.ts answers it).
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from '@/lib/server/csp';
import { isAllowedMethod, refusalBody, refusalHeaders } from '@/lib/server/methods';

// Not pages: JSON and pictures, and the files under _next and public.
const NOT_A_PAGE = /^\/(?:api|_next\/static|_next\/image|maps|favicon\.ico)(?:\/|$)/;

function isPrefetch(request: NextRequest): boolean {
  return request.headers.has('next-router-prefetch') || request.headers.get('purpose') === 'prefetch';
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const method = request.method.toUpperCase();
  if (method === 'OPTIONS') {
    const headers = refusalHeaders(pathname);
    delete headers['Content-Type'];
    return new NextResponse(null, { status: 204, headers });
  }
  if (!isAllowedMethod(method)) {
    return new NextResponse(refusalBody(method, pathname), { status: 405, headers: refusalHeaders(pathname) });
  }
  // Files and API answers run no script, and prefetches (next/link) are left as they come, as
  // Next.js's CSP guide advises: none of them needs a nonce.
  if (NOT_A_PAGE.test(pathname) || isPrefetch(request)) return NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV !== 'production' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Every path: the method check is for all of them; proxy() itself tells pages from the rest.
  matcher: '/:path*',
};
