// Numbers as the dashboard writes them (lib/domain/words.ts); dates are lib/domain/calendar.ts's.
export { formatNumber, nounFor, plural } from '@/lib/domain/words';
