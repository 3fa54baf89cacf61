import type { SourcePostJson } from '@/components/data/event-detail';
import { formatInstant } from '@/lib/domain/calendar';
import { highlight, type Evidence } from './highlight';

const LANG_NAME: Record<string, string> = { ru: 'Russian', en: 'English' };

/** One source post in full, the phrases that decided the event marked. Text only, never HTML. */
export function SourcePostView({ post, searchTerms = [] }: { post: SourcePostJson; searchTerms?: readonly string[] }) {
  const segments = highlight(post.text, post.evidence as Evidence[], searchTerms);
  const lang = post.lang === 'ru' || post.lang === 'en' ? post.lang : undefined;
  return (
    <article className="source-post" data-testid="source-post" lang={lang}>
      <header className="source-head">
        <span className="lang-badge" title={LANG_NAME[post.lang] ?? post.lang}>
          {post.lang.toUpperCase()}
        </span>
        <span className="muted">@{post.channel}</span>
        {post.postedAt && (
          <time className="muted num" dateTime={post.postedAt}>
            {formatInstant(post.postedAt)}
          </time>
        )}
        {post.url && (
          <a href={post.url} target="_blank" rel="noopener noreferrer" className="source-link">
            Original post<span aria-hidden="true"> ↗</span>
          </a>
        )}
      </header>
      <p className="source-text">
        {segments.map((s, i) =>
          s.why ? (
            <mark key={i} title={s.why} className={s.why.includes('search: ') ? 'is-search' : undefined}>
              {s.text}
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </p>
    </article>
  );
}
