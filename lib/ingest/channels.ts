// Channel profiles: whose side a channel speaks for, in which languages and time zone, and how
// its posts are linked. They are data (data/channels.json), validated once at load like the
// vocabularies, so that a new source is a new entry and not new code.
import countries from 'i18n-iso-countries';
import { z } from 'zod';
import channelsData from './data/channels.json';
import principalsData from './data/principals.json';
import type { Lang } from './types';

export interface ChannelProfile {
  /** Stable name of the profile (what "default" names). */
  readonly id: string;
  /** The handle posts of this channel are stored under, so that keys and links agree. */
  readonly handle: string;
  /** Other names the channel goes by in files: old handles, site names. */
  readonly aliases: readonly string[];
  /** Numeric ids of the channel in Telegram exports. */
  readonly telegramIds: readonly number[];
  /** Channel titles, as exports and hand-made files give them. */
  readonly titles: readonly string[];
  /** ISO 3166-1 alpha-2 of the side the channel speaks for. */
  readonly homeCountry: string;
  readonly languages: readonly Lang[];
  /** IANA time zone the channel's days are counted in. */
  readonly timeZone: string;
  /** Names (as in principals.json) of the channel's own side, its head first. */
  readonly principals: readonly string[];
  /** Link of a post, with "{id}" for its number. */
  readonly linkTemplate: string;
}

/** Intl is the judge of time zones: a zone it does not know could not be used to count days. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Some engines take offsets ("+03:00") as zones too; an offset has no history of its changes,
// which is the reason to name a zone at all.
const IANA_ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

const name = z.string().trim().min(1).max(200);
const LANGS = ['ru', 'en'] as const satisfies readonly Lang[];
const unique = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((xs) => new Set(xs).size === xs.length, 'listed twice');

const PRINCIPAL_NAMES = new Set(
  z
    .object({ principals: z.array(z.object({ name: z.string() }).loose()) })
    .loose()
    .parse(principalsData)
    .principals.map((p) => p.name),
);

const ProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
    // The readers' rule for a handle: what can follow t.me/.
    handle: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,}$/, 'a channel handle: a letter, then letters, digits or _'),
    aliases: unique(name).default([]),
    telegramIds: unique(z.number().int().positive()).default([]),
    titles: unique(name).default([]),
    homeCountry: z.string().refine((c) => /^[A-Z]{2}$/.test(c) && countries.isValid(c), 'an ISO 3166-1 alpha-2 code'),
    languages: unique(z.enum(LANGS)).min(1),
    timeZone: z.string().refine((zone) => IANA_ZONE.test(zone) && isTimeZone(zone), 'an IANA time zone Intl knows'),
    principals: unique(z.string().refine((p) => PRINCIPAL_NAMES.has(p), 'a name of principals.json')).default([]),
    linkTemplate: z
      .string()
      .regex(/^https?:\/\/[^\s{}]+\{id\}[^\s{}]*$/, 'an http(s) link with {id} once'),
  })
  .strict();

export const ChannelsSchema = z
  .object({
    about: z.string().optional(),
    default: z.string(),
    channels: z.array(ProfileSchema).min(1),
  })
  .strict()
  .superRefine((data, ctx) => {
    const ids = new Set<string>();
    data.channels.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'id'], message: `profile id "${p.id}" is used twice` });
      ids.add(p.id);
    });
    if (!ids.has(data.default)) ctx.addIssue({ code: 'custom', path: ['default'], message: `"${data.default}" is no profile's id` });
    // A name that found two profiles would make the lookup depend on the order of the file.
    const owner = new Map<string, string>();
    data.channels.forEach((p, i) => {
      for (const n of namesOf(p)) {
        const key = lookupKey(n);
        if (key === '') {
          ctx.addIssue({ code: 'custom', path: ['channels', i], message: `"${n}" is nothing but emoji and spaces` });
          continue;
        }
        const other = owner.get(key);
        if (other !== undefined && other !== p.id) {
          ctx.addIssue({ code: 'custom', path: ['channels', i], message: `"${n}" names both "${other}" and "${p.id}"` });
        }
        owner.set(key, p.id);
      }
    });
  });

// ---------------------------------------------------------------------------------------
// Lookup

// Telegram writes a channel's id bare in an export ("id": 1065276858), prefixed in a message's
// from_id ("channel1065276858") and with -100 in its API ("-1001065276858").
const NUMERIC_ID = /^(?:channel|-100)?(\d{5,})$/;

/**
 * What a channel name is compared by: case, a leading @, a t.me/ link around a handle, emoji
 * (exports title channels "МИД России 🇷🇺"), variation selectors and spacing do not count.
 */
function lookupKey(s: string): string {
  const bare = s
    .normalize('NFKC')
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me)\/(?:s\/)?/i, '')
    .replace(/^https?:\/\/(?:www\.)?/i, '')
    .replace(/^@/, '')
    .replace(/\/+$/, '');
  const id = NUMERIC_ID.exec(bare);
  if (id) return `#${id[1]}`;
  return bare
    .replace(/[\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Every name a profile is found by. */
function namesOf(p: Pick<ChannelProfile, 'handle' | 'aliases' | 'titles' | 'telegramIds'>): string[] {
  return [p.handle, ...p.aliases, ...p.titles, ...p.telegramIds.map(String)];
}

export interface ChannelDirectory {
  readonly profiles: readonly ChannelProfile[];
  readonly fallback: ChannelProfile;
  /** The profile a channel name, handle, title or numeric id belongs to; null when none. */
  find(channel: string | null | undefined): ChannelProfile | null;
}

function deepFreeze<T extends object>(o: T): Readonly<T> {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}

/** Validates channel profiles and indexes them; a bad file fails naming the file. */
export function loadChannels(data: unknown, file = 'lib/ingest/data/channels.json'): ChannelDirectory {
  const result = ChannelsSchema.safeParse(data);
  if (!result.success) throw new Error(`${file}: ${z.prettifyError(result.error)}`);
  const profiles: ChannelProfile[] = result.data.channels.map((p) => deepFreeze({ ...p }));
  const index = new Map<string, ChannelProfile>();
  for (const p of profiles) {
    for (const n of namesOf(p)) index.set(lookupKey(n), p);
  }
  const fallback = profiles.find((p) => p.id === result.data.default);
  // The schema has checked that the default names a profile.
  if (!fallback) throw new Error(`${file}: "default" names no profile`);
  return Object.freeze({
    profiles: Object.freeze(profiles),
    fallback,
    find(channel: string | null | undefined): ChannelProfile | null {
      if (typeof channel !== 'string') return null;
      const key = lookupKey(channel);
      return key === '' ? null : (index.get(key) ?? null);
    },
  });
}

const CHANNELS = loadChannels(channelsData);

/** Every profile, in the order of the data file. */
export const CHANNEL_PROFILES: readonly ChannelProfile[] = CHANNELS.profiles;

/** The profile of a known channel (by handle, alias, title or Telegram id); null otherwise. */
export function knownProfile(channel: string | null | undefined): ChannelProfile | null {
  return CHANNELS.find(channel);
}

/** The profile of a channel; an unknown or missing channel gets the default profile. */
export function profileFor(channel: string | null | undefined): ChannelProfile {
  return CHANNELS.find(channel) ?? CHANNELS.fallback;
}

/**
 * The link of a post of this channel, or null when its id is not a post number. Files write
 * ids bare ("27748") or with the channel before them ("MFARussia/27748", "kremlin.ru/76191");
 * any other id is a file's own label, and a link made of it would lead nowhere.
 */
export function postUrl(profile: ChannelProfile, externalId: string | null | undefined): string | null {
  const n = postNumber(profile, externalId);
  return n === null ? null : profile.linkTemplate.replace('{id}', n);
}

/** The post number of an id: bare digits, or digits after one of the profile's own names. */
export function postNumber(profile: ChannelProfile, externalId: string | null | undefined): string | null {
  if (typeof externalId !== 'string') return null;
  const id = externalId.trim();
  if (/^\d+$/.test(id)) return id;
  const m = /^(.+)\/(\d+)$/.exec(id);
  if (!m) return null;
  const prefix = lookupKey(m[1]!);
  return namesOf(profile).some((n) => lookupKey(n) === prefix) ? m[2]! : null;
}

const HANDLE_RE = /^[A-Za-z][A-Za-z0-9_]{3,}$/;

/**
 * The name a channel is stored under: a known channel's handle however the input writes it
 * ("@mfarussia", "МИД России", its Telegram id are "MFARussia"), else the name as written, without
 * the "@" or t.me link (t.me/NAME, t.me/s/NAME) around a handle.
 */
export function canonicalChannel(name: string): string {
  const profile = knownProfile(name);
  if (profile) return profile.handle;
  const trimmed = name.trim();
  const bare = trimmed.replace(/^(?:https?:\/\/)?(?:www\.)?t\.me\/(?:s\/)?/i, '').replace(/^@/, '').replace(/\/+$/, '');
  return knownProfile(bare)?.handle ?? (HANDLE_RE.test(bare) ? bare : trimmed);
}

/** Two names of one channel: the same canonical name, letter case aside (handles ignore it). */
export function channelKey(name: string): string {
  return canonicalChannel(name).toLowerCase();
}
