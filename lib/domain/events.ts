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
