import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

/**
 * Shared links need absolute picture URLs: SIDELINES_PUBLIC_URL when the app sits behind a proxy
 * that rewrites the host, else the host the request came to.
 */
async function siteUrl(): Promise<URL> {
  const configured = process.env.SIDELINES_PUBLIC_URL;
  if (configured) return new URL(configured);
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return new URL(`${proto}://${host}`);
}

export async function generateMetadata(): Promise<Metadata> {
  return { ...metadata, metadataBase: await siteUrl() };
}

const metadata: Metadata = {
  title: 'Sidelines',
  description: "A government's diplomacy from its own channels: who met whom, how often, about what.",
  // Inline, so no request for /favicon.ico goes unanswered.
  icons: {
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%231f5fbf'/%3E%3Cpath d='M4 11h2V7H4zm3 0h2V4H7zm3 0h2V8h-2z' fill='%23fff'/%3E%3C/svg%3E",
  },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
