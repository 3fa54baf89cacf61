import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { filtersToQuery, parseFilters } from '@/lib/domain/filters';
import { pageRead } from '@/lib/server/route';
import { withSearch } from '@/lib/server/search';
import { CARD_SIZES, SummaryCard, weeklyCardData } from '@/lib/weekly/card';
import { FitToWidth } from '@/components/weekly/FitToWidth';
import { loadWeekly } from '@/lib/weekly/load';
import { formatWeekRange, parseWeek, shiftWeek } from '@/lib/domain/calendar';
import { DatabaseAway } from '../../DatabaseAway';
import { WeeklyMessage } from '../WeeklyMessage';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import styles from './weekly.module.css';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ week: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const week = parseWeek((await params).week);
  if (!week) return { title: 'No such week · Sidelines' };
  const parsed = parseFilters(await searchParams);
  const q = parsed.ok ? filtersToQuery(parsed.filters) : '';
  const image = `/weekly/${week.code}/image.png${q ? `?${q}` : ''}`;
  const title = `Week ${week.week}, ${formatWeekRange(week)} · Sidelines`;
  return {
    title,
    openGraph: { title, images: [{ url: image, width: 1200, height: 675 }] },
    twitter: { card: 'summary_large_image', title, images: [image] },
  };
}

export default async function WeeklyPage({ params, searchParams }: Props) {
  const week = parseWeek((await params).week);
  if (!week) notFound();
  const parsed = parseFilters(await searchParams);
  if (!parsed.ok) {
    // A failed parse has at least one issue.
    const issue = parsed.error.issues[0]!;
    return <WeeklyMessage title="Bad filter" text={`${issue.path.join('.')}: ${issue.message}`} />;
  }
  const q = filtersToQuery(parsed.filters);
  const qs = q ? `?${q}` : '';
  // Admitted as the API's reads are; the card is rendered after the slot is given back.
  const read = await pageRead((db) => loadWeekly(db, withSearch(parsed.filters), week), `weekly/${week.code}${qs}`);
  if ('away' in read) return <DatabaseAway away={read.away} title={`Week ${week.week}, ${formatWeekRange(week)}`} />;
  const { summary, ctx } = read.data;
  const prev = shiftWeek(week, -1);
  const next = shiftWeek(week, 1);
  return (
    <main className={styles.page}>
      <nav className={styles.nav} aria-label="Weeks">
        <Link href={`/weekly/${prev.code}${qs}`} rel="prev">
          ← Week {prev.week}
        </Link>
        <Link href={`/${qs}`}>Dashboard</Link>
        <a href={`/weekly/${week.code}/image.png${qs}`} download={`sidelines-${week.code}.png`}>
          PNG 1200×675
        </a>
        <a href={`/weekly/${week.code}/image.png${qs ? `${qs}&` : '?'}size=square`} download={`sidelines-${week.code}-square.png`}>
          PNG 1080×1080
        </a>
        <Link href={`/weekly/${next.code}${qs}`} rel="next">
          Week {next.week} →
        </Link>
      </nav>
      <FitToWidth width={CARD_SIZES.wide.width} height={CARD_SIZES.wide.height} className={styles.card}>
        <div data-testid="weekly-card" data-contacts={summary.current.contacts}>
          <SummaryCard s={weeklyCardData(summary)} ctx={ctx} size="wide" />
        </div>
      </FitToWidth>
    </main>
  );
}
