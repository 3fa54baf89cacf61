// The kinds of event, the one list every layer uses: the parser's output, the database's
// `events.type`, the filters, the charts' labels and colours.

export const EVENT_TYPES = [
  'meeting',
  'phone_call',
  'multilateral',
  'speech',
  'briefing',
  'interview',
  'statement',
  'visit',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Meetings, calls and multilateral meetings: what the frequency charts count. */
export const CONTACT_TYPES: readonly EventType[] = ['meeting', 'phone_call', 'multilateral'];

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  meeting: 'Meeting',
  phone_call: 'Phone call',
  multilateral: 'Multilateral',
  speech: 'Speech',
  briefing: 'Briefing',
  interview: 'Interview',
  statement: 'Statement',
  visit: 'Visit',
  other: 'Other',
};

/** One colour per event type, the same in every chart and badge (readable on light and dark). */
export const EVENT_TYPE_COLORS: Record<EventType, string> = {
  meeting: '#2f6fd6',
  phone_call: '#13a39a',
  multilateral: '#8a56d8',
  speech: '#e08a1e',
  briefing: '#c2417a',
  interview: '#6b8e23',
  statement: '#8c7b6b',
  visit: '#d2552e',
  other: '#7f8b99',
};

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

/** The label of a type; a type this build does not know (stored by a newer one) as its words. */
export function eventTypeLabel(type: string): string {
  return isEventType(type) ? EVENT_TYPE_LABELS[type] : type.replace(/_/g, ' ');
}

/** The colour of a type; one this build does not know has the colour of "other". */
export function eventTypeColor(type: string): string {
  return isEventType(type) ? EVENT_TYPE_COLORS[type] : EVENT_TYPE_COLORS.other;
}

/** What one event of a type is called in a count: "3 phone calls". */
export const EVENT_TYPE_NOUNS: Record<EventType, { one: string; other: string }> = {
  meeting: { one: 'meeting', other: 'meetings' },
  phone_call: { one: 'phone call', other: 'phone calls' },
  multilateral: { one: 'multilateral event', other: 'multilateral events' },
  speech: { one: 'speech', other: 'speeches' },
  briefing: { one: 'briefing', other: 'briefings' },
  interview: { one: 'interview', other: 'interviews' },
  statement: { one: 'statement', other: 'statements' },
  visit: { one: 'visit', other: 'visits' },
  other: { one: 'other event', other: 'other events' },
};

/**
 * What a count of events of these types is called: a type's own noun for one type, "contacts"
 * for several contact types (the default), "events" for any other mix.
 */
export function countNoun(types: readonly EventType[]): { one: string; other: string } {
  const only = types.length === 1 ? types[0] : undefined;
  if (only) return EVENT_TYPE_NOUNS[only];
  if (types.length > 0 && types.every((t) => CONTACT_TYPES.includes(t))) return { one: 'contact', other: 'contacts' };
  return { one: 'event', other: 'events' };
}
