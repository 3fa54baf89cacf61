// The Content-Security-Policy of every page. Scripts run only from this origin or with the
// page's nonce, never from eval; styles may be inline (charts and the map set style attributes);
// pictures may be data: and blob: URLs (the PNG downloads are drawn from them); nothing is
// fetched from another origin, and no other site may frame the dashboard.
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    `default-src 'self'`,
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}
