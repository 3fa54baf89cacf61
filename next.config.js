/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time, and pg has
  // optional native bindings: both must stay plain Node modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'kysely-pglite-dialect', 'pg'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
