// A site's RSS, Atom, RDF or JSON feed as posts of a channel named for it: each item one post,
// known by its guid (or id, or link), with its title and text as the post's text, published when
// the item says. Read with feedsmith, which knows the formats and their dialects.
import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { htmlText } from '@/lib/ingest/html-text';
import { InputError } from '@/lib/ingest/input-error';
import type { RawPost } from '@/lib/ingest/types';
import type { PoliteFetcher } from './polite-fetch';

interface Item {
  id: string | undefined;
  link: string | undefined;
  title: string | undefined;
  html: string | undefined;
  text: string | undefined;
  date: string | undefined;
}

/** The items of any of the four formats, in one shape. */
function itemsOf(xml: string): Item[] {
  const { format, feed } = parseFeed(xml);
  switch (format) {
    case 'rss':
      return (feed.items ?? []).map((i) => ({ id: i.guid?.value, link: i.link, title: i.title, html: i.content?.encoded ?? i.description, text: undefined, date: i.pubDate ?? i.dc?.dates?.[0] }));
    case 'atom':
      return (feed.entries ?? []).map((e) => ({
        id: e.id,
        link: (e.links?.find((l) => !l.rel || l.rel === 'alternate') ?? e.links?.[0])?.href,
        title: e.title?.value,
        html: e.content?.type === 'text' ? undefined : (e.content?.value ?? e.summary?.value),
        text: e.content?.type === 'text' ? e.content.value : undefined,
        date: e.published ?? e.updated,
      }));
    case 'rdf':
      return (feed.items ?? []).map((i) => ({ id: i.rdf?.about ?? i.link, link: i.link, title: i.title, html: i.content?.encoded ?? i.description, text: undefined, date: i.dc?.dates?.[0] }));
    case 'json':
      return (feed.items ?? []).map((i) => ({ id: i.id, link: i.url, title: i.title, html: i.content_html, text: i.content_text ?? i.summary, date: i.date_published ?? i.date_modified }));
  }
}

/** An id the store can index: as given, or a digest of it when it is too long. */
function idOf(raw: string): string {
  return raw.length <= 200 ? raw : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** A feed's text as posts; an InputError when it is no feed. */
export function feedPosts(xml: string, channel: string, url: string): RawPost[] {
  let items: Item[];
  try {
    items = itemsOf(xml);
  } catch (err) {
    throw new InputError(`${url}: not an RSS, Atom, RDF or JSON feed (${(err as Error).message})`, { cause: err });
  }
  const posts: RawPost[] = [];
  for (const item of items) {
    const body = item.text ?? (item.html ? htmlText(item.html) : '');
    const title = item.title ? htmlText(item.title).trim() : '';
    const text = [title, body.trim()].filter(Boolean).join('\n\n');
    const key = item.id ?? item.link;
    if (!text || !key) continue;
    const at = item.date ? new Date(item.date) : null;
    posts.push({ channel, externalId: idOf(key), postedAt: at && !Number.isNaN(at.getTime()) ? at : null, lang: null, text, url: item.link ?? null, seq: 0 });
  }
  // Oldest first, as a channel's posts are stored.
  posts.sort((a, b) => (a.postedAt?.getTime() ?? 0) - (b.postedAt?.getTime() ?? 0));
  return posts.map((p, i) => ({ ...p, seq: i }));
}

export async function readFeedPosts(http: PoliteFetcher, url: string, channel: string): Promise<RawPost[]> {
  const { body } = await http.text(url, { Accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5' });
  return feedPosts(body, channel, url);
}
