import { Fragment } from 'react';
import type { EventSummary } from '@/components/data/events';
import { countryDisplay, orgDisplay, topicDisplay, typeColor, typeLabel } from '@/components/labels';

export function postsLabel(posts: { lang: string }[]): string {
  const n = posts.length;
  const by = new Map<string, number>();
  for (const p of posts) by.set(p.lang, (by.get(p.lang) ?? 0) + 1);
  const langs = [...by.entries()].sort(([a], [b]) => (a === 'ru' ? -1 : b === 'ru' ? 1 : a.localeCompare(b)));
  const detail = n === 1 ? langs[0]?.[0] : langs.map(([l, c]) => `${c} ${l}`).join(', ');
  return `${n} ${n === 1 ? 'post' : 'posts'}${n ? ` (${detail})` : ''}`;
}

export function TypeBadge({ type }: { type: string }) {
  return (
    <span className="type-badge" style={{ ['--type-color' as string]: typeColor(type) }}>
      <span className="type-dot" aria-hidden="true" />
      {typeLabel(type)}
    </span>
  );
}

/** What an event is: type, counterparts, people, principal, venue, topics. Used by the timeline and the permalink page. */
export function EventFacts({ event }: { event: EventSummary }) {
  const counterparts = event.countries.filter((c) => c.role === 'counterpart');
  const mentioned = event.countries.filter((c) => c.role !== 'counterpart');
  const orgs = event.organizations.filter((o) => o.role === 'counterpart');
  return (
    <div className="event-facts">
      <TypeBadge type={event.type} />
      {counterparts.map((c) => {
        const d = countryDisplay(c.code);
        return (
          <span key={c.code} className="fact fact-country" title={d.title}>
            {d.flag && <span aria-hidden="true">{d.flag} </span>}
            {d.name}
          </span>
        );
      })}
      {orgs.map((o) => {
        const d = orgDisplay(o.code);
        return (
          <span key={o.code} className="fact fact-org" title={d.title}>
            {d.name}
          </span>
        );
      })}
      {event.people.length > 0 && (
        <span className="fact fact-people">
          <span className="sr-only">With: </span>
          {event.people.map((p, i) => (
            <Fragment key={i}>
              {i > 0 && ', '}
              <span title={p.title ?? undefined} className="person">
                {p.name}
                {p.title && <span className="sr-only"> ({p.title})</span>}
              </span>
            </Fragment>
          ))}
        </span>
      )}
      {event.principal && (
        <span className="fact fact-principal" title="The Russian side">
          <span className="muted">by</span> {event.principal}
        </span>
      )}
      {event.venue && (
        <span className="fact fact-venue">
          <span className="muted">in</span> {event.venue}
        </span>
      )}
      {event.topics.length > 0 && (
        <span className="fact-topics">
          <span className="sr-only">Topics: </span>
          {event.topics.map((t) => {
            const d = topicDisplay(t);
            return (
              <span key={t} className="topic-tag" title={d.title}>
                {d.name}
              </span>
            );
          })}
        </span>
      )}
      {mentioned.length > 0 && (
        <span className="fact fact-mentioned muted">
          mentions {mentioned.map((c) => countryDisplay(c.code).name).join(', ')}
        </span>
      )}
    </div>
  );
}
