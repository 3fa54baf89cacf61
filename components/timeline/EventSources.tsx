'use client';

import { useEventDetailQuery } from '@/components/data/event-detail';
import { QueryState } from '@/components/panels/QueryState';
import { SourcePostView } from './SourcePostView';

/** The source posts of one event, fetched when first opened. */
export function EventSources({ id, terms }: { id: number; terms: readonly string[] }) {
  const query = useEventDetailQuery(id);
  return (
    <QueryState query={query} what="the source posts" minHeight={48} isEmpty={(d) => d.sources.length === 0} empty="No source posts are stored for this event.">
      {(d) => (
        <div className="sources">
          {d.sources.map((s) => (
            <SourcePostView key={s.id} post={s} searchTerms={terms} />
          ))}
        </div>
      )}
    </QueryState>
  );
}
