// An event in words, from its facts rather than its post's first sentence: the permalink's
// title, its shared-link card.
import type { EventSummary } from './api';
import { formatDate } from './calendar';
import { eventTypeLabel } from './events';
import { countryName } from './geo';

type Facts = Pick<EventSummary, 'type' | 'date' | 'countries' | 'organizations' | 'principal' | 'people'>;

/** "Meeting · Venezuela · Sergey Lavrov and Yvan Gil · 20 Sep 2023" */
export function eventHeadline(e: Facts): string {
  const counterparts = [
    ...e.countries.filter((c) => c.role === 'counterpart').map((c) => countryName(c.code)),
    ...e.organizations.filter((o) => o.role === 'counterpart').map((o) => o.code),
  ];
  const people = [e.principal, e.people[0]?.name].filter((p): p is string => Boolean(p));
  return [eventTypeLabel(e.type), counterparts.join(', '), people.join(' and '), e.date ? formatDate(e.date) : 'undated'].filter(Boolean).join(' · ');
}
