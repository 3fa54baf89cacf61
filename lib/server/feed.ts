import 'server-only';
import { generateAtomFeed } from 'feedsmith';
import type { FeedEvent } from '@/db/queries/feed';
import { describeFilters } from '@/lib/domain/filter-labels';
import { filtersToQuery, type Filters } from '@/lib/domain/filters';
import { eventHeadline } from '@/lib/domain/event-text';
import { countryName } from '@/lib/domain/geo';
import { orgLabel, topicLabel } from '@/lib/domain/labels';

export const FEED_TYPE = 'application/atom+xml';
export const FEED_LIMIT = { default: 50, max: 200 };

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A post's text as HTML paragraphs, its line breaks kept, and a link to it where it has one. */
function postHtml(p: FeedEvent['posts'][number]): string {
  const paragraphs = p.text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replaceAll('\n', '<br>')}</p>`)
    .join('');
  const source = p.url ? `<p><a href="${escapeHtml(p.url)}">@${escapeHtml(p.channel)}</a></p>` : `<p>@${escapeHtml(p.channel)}</p>`;
  return `<blockquote lang="${escapeHtml(p.lang)}">${paragraphs}${source}</blockquote>`;
}

/**
 * The Atom feed of a filtered view: its newest events, each titled from its facts, linked to its
 * permalink, with the text of the posts that report it. Ids are the permalinks, so a reader
 * shows an event once, and again only when it changes.
 */
export function atomFeed(events: FeedEvent[], f: Filters, site: URL): string {
  const q = filtersToQuery(f);
  const view = describeFilters(f);
  const dashboard = new URL(q ? `/?${q}` : '/', site).toString();
  const self = new URL(q ? `/feed.xml?${q}` : '/feed.xml', site).toString();
  const updated = events.reduce((t, e) => (e.updatedAt > t ? e.updatedAt : t), new Date(0));
  return generateAtomFeed({
    id: self,
    title: { value: q ? `Sidelines · ${view}` : 'Sidelines · diplomatic contacts' },
    subtitle: { value: `Diplomatic events from the channels' own posts: ${view}` },
    updated: events.length ? updated : new Date(),
    links: [
      { href: self, rel: 'self', type: FEED_TYPE },
      { href: dashboard, rel: 'alternate', type: 'text/html' },
    ],
    generator: { text: 'Sidelines' },
    entries: events.map((e) => {
      const permalink = new URL(`/events/${e.id}`, site).toString();
      // A category's scheme is the dashboard's filter of that kind: scheme + term is its view.
      const scheme = (key: string) => new URL(`/?${key}=`, site).toString();
      const counterparts = [
        ...e.countries.filter((c) => c.role === 'counterpart').map((c) => ({ term: c.code, label: countryName(c.code), scheme: scheme('country') })),
        ...e.organizations.filter((o) => o.role === 'counterpart').map((o) => ({ term: o.code, label: orgLabel(o.code).en, scheme: scheme('org') })),
      ];
      const topics = e.topics.map((t) => ({ term: t, label: topicLabel(t).en, scheme: scheme('topic') }));
      return {
        id: permalink,
        title: { value: eventHeadline(e) },
        links: [{ href: permalink, rel: 'alternate', type: 'text/html' }],
        published: e.createdAt,
        updated: e.updatedAt,
        authors: e.principal ? [{ name: e.principal }] : undefined,
        categories: [{ term: e.type, scheme: scheme('type') }, ...counterparts, ...topics],
        content: { type: 'html', value: e.posts.map(postHtml).join('') },
      };
    }),
  });
}
