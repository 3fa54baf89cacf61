import { formatNumber } from '@/components/format';
import { formatRange } from '@/lib/domain/calendar';
import { CopyLinkButton } from './CopyLinkButton';
import { ExportLinks } from './ExportLinks';

export interface Corpus {
  channels: string[];
  posts: number;
  events: number;
  firstDate: string | null;
  lastDate: string | null;
}

export function DashboardHeader({ corpus }: { corpus: Corpus | null }) {
  return (
    <header className="site-header">
      <div className="brand">
        <h1>Sidelines</h1>
        {corpus && (
          <p className="corpus num">
            {corpus.channels.length > 0 && <span>{corpus.channels.map((c) => `@${c}`).join(', ')}</span>}
            <span>{formatNumber(corpus.posts)} posts</span>
            <span>{formatNumber(corpus.events)} events</span>
            {corpus.firstDate && corpus.lastDate && <span>{formatRange(corpus.firstDate, corpus.lastDate)}</span>}
          </p>
        )}
      </div>
      <div className="header-actions">
        <ExportLinks />
        <CopyLinkButton />
      </div>
    </header>
  );
}
