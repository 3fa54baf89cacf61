import { formatNumber } from '@/components/format';
import { formatInstant, formatRange } from '@/lib/domain/calendar';
import { CopyLinkButton } from './CopyLinkButton';
import { ExportLinks } from './ExportLinks';

/** A channel's freshness as the page is given it: times as ISO strings or Dates (UTC). */
export interface ChannelFreshness {
  channel: string;
  posts: number;
  newestPostAt: Date | string | null;
  lastIngestedAt: Date | string | null;
  lastSyncedAt: Date | string | null;
}

export interface Corpus {
  channels: string[];
  posts: number;
  events: number;
  firstDate: string | null;
  lastDate: string | null;
  freshness?: ChannelFreshness[];
}

const iso = (t: Date | string | null): string | null => (t === null ? null : typeof t === 'string' ? t : t.toISOString());

/** "newest post 2 Mar 2026, 09:00 UTC · synced 1 Dec 2026, 19:50 UTC", in UTC so the server's and the browser's pages agree. */
function Freshness({ f, named }: { f: ChannelFreshness; named: boolean }) {
  const newest = iso(f.newestPostAt);
  const synced = iso(f.lastSyncedAt);
  const ingested = iso(f.lastIngestedAt);
  // A sync is an ingest of the channel's page: the later of the two is the one to name.
  const last = synced && (!ingested || synced >= ingested) ? { what: 'synced', at: synced } : ingested ? { what: 'ingested', at: ingested } : null;
  return (
    <span className="freshness" data-testid="freshness" data-channel={f.channel}>
      {named && <b>@{f.channel}: </b>}
      {newest ? (
        <>
          newest post <time dateTime={newest}>{formatInstant(newest)}</time>
        </>
      ) : f.posts > 0 ? (
        'posts without dates'
      ) : (
        'no posts yet'
      )}
      {last && (
        <>
          {' · '}
          {last.what} <time dateTime={last.at}>{formatInstant(last.at)}</time>
        </>
      )}
    </span>
  );
}

export function DashboardHeader({ corpus }: { corpus: Corpus | null }) {
  const freshness = corpus?.freshness ?? [];
  return (
    <header className="site-header">
      <div className="brand">
        <h1>Sidelines</h1>
        {corpus && (
          <div className="corpus-lines">
            <p className="corpus num">
              {corpus.channels.length > 0 && <span>{corpus.channels.map((c) => `@${c}`).join(', ')}</span>}
              <span>{formatNumber(corpus.posts)} posts</span>
              <span>{formatNumber(corpus.events)} events</span>
              {corpus.firstDate && corpus.lastDate && <span>{formatRange(corpus.firstDate, corpus.lastDate)}</span>}
            </p>
            {freshness.length > 0 && (
              <p className="corpus freshness-line num">
                {freshness.map((f) => (
                  <Freshness key={f.channel} f={f} named={freshness.length > 1} />
                ))}
              </p>
            )}
          </div>
        )}
      </div>
      <div className="header-actions">
        <ExportLinks />
        <CopyLinkButton />
      </div>
    </header>
  );
}
