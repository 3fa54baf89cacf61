import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { siteUrl } from '@/lib/server/site-url';
import { Providers } from './providers';
import './globals.css';

/** Shared links need absolute picture URLs: lib/server/site-url.ts says which host is the site's own. */
export async function generateMetadata(): Promise<Metadata> {
  return { ...metadata, metadataBase: siteUrl(await headers()) };
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
