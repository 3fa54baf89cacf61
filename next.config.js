/** Headers for every answer, pages, API and files alike (pages also get a CSP, from proxy.ts). */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // For browsers without CSP frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time, pg has
  // optional native bindings, and fs-native-extensions (the data folder's lock) loads a prebuilt
  // addon from its folder, as resvg (the card pictures' painter) does: all must stay plain Node
  // modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'kysely-pglite-dialect', 'pg', 'fs-native-extensions', '@resvg/resvg-js'],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
