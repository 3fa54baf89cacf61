import { describe, expect, test } from 'vitest';
import { canonicalChannel, channelKey, CHANNEL_PROFILES, ChannelsSchema, knownProfile, loadChannels, postNumber, postUrl, profileFor } from './channels';
import channelsData from './data/channels.json';
import principalsData from './data/principals.json';

const byId = (id: string) => {
  const p = CHANNEL_PROFILES.find((x) => x.id === id);
  if (!p) throw new Error(`no profile ${id}`);
  return p;
};

describe('channels.json', () => {
  test('matches its schema', () => {
    const r = ChannelsSchema.safeParse(channelsData);
    expect(r.success, r.success ? '' : r.error.message).toBe(true);
  });

  test('every profile has its zone, languages and own side', () => {
    const known = new Set(principalsData.principals.map((p) => p.name));
    for (const p of CHANNEL_PROFILES) {
      expect(p.timeZone).toBe('Europe/Moscow');
      expect(p.homeCountry).toBe('RU');
      expect(p.principals.length).toBeGreaterThan(0);
      for (const name of p.principals) expect(known.has(name), name).toBe(true);
    }
    expect(byId('mid-russia').languages).toEqual(['ru']);
    expect(byId('mfa-russia').languages).toEqual(['en']);
    expect(byId('kremlin-news').principals[0]).toBe('Vladimir Putin');
    expect(byId('mid-russia').principals[0]).toBe('Sergey Lavrov');
  });

  test('profiles cannot be changed by a caller', () => {
    const p = profileFor('MFARussia');
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.principals)).toBe(true);
  });
});

describe('lookup', () => {
  test.each([
    // Handles, in any case, with @ or as a link.
    ['MID_Russia', 'mid-russia'],
    ['mid_russia', 'mid-russia'],
    ['@MID_Russia', 'mid-russia'],
    ['https://t.me/MID_Russia', 'mid-russia'],
    ['t.me/s/MID_Russia/', 'mid-russia'],
    ['MFARussia', 'mfa-russia'],
    ['@mfarussia', 'mfa-russia'],
    ['KremlinRussia', 'kremlin-news'],
    // Titles, with and without the flag, in any case and spacing.
    ['МИД России', 'mid-russia'],
    ['МИД России 🇷🇺', 'mid-russia'],
    ['  мид  россии ', 'mid-russia'],
    ['MFA Russia', 'mfa-russia'],
    ['MFA Russia 🇷🇺', 'mfa-russia'],
    ['Президент России', 'kremlin-news'],
    // Aliases.
    ['kremlin.ru', 'kremlin-news'],
    ['http://kremlin.ru/', 'kremlin-news'],
    ['MFA_Russia', 'mfa-russia'],
    // Telegram's numeric ids, as exports and its API write them.
    ['1065276858', 'mid-russia'],
    ['channel1065276858', 'mid-russia'],
    ['-1001065276858', 'mid-russia'],
  ])('%s is %s', (name, id) => {
    expect(knownProfile(name)?.id).toBe(id);
    expect(profileFor(name).id).toBe(id);
  });

  test.each([['SomeEmbassy'], ['МИД'], ['Russia'], ['🇷🇺'], [''], ['   '], ['12345678'], [null], [undefined]])('%s is unknown: no profile, or the default', (name) => {
    expect(knownProfile(name)).toBeNull();
    expect(profileFor(name).id).toBe(channelsData.default);
  });

  test('the default is the Russian ministry channel', () => {
    expect(profileFor(null)).toBe(byId('mid-russia'));
  });
});

describe('post links', () => {
  test.each([
    ['mfa-russia', '27748', 'https://t.me/MFARussia/27748'],
    ['mfa-russia', 'MFARussia/27748', 'https://t.me/MFARussia/27748'],
    ['mfa-russia', '@mfarussia/27748', 'https://t.me/MFARussia/27748'],
    ['mid-russia', ' 41207 ', 'https://t.me/MID_Russia/41207'],
    ['kremlin-news', '76191', 'http://kremlin.ru/events/president/news/76191'],
    ['kremlin-news', 'kremlin.ru/76191', 'http://kremlin.ru/events/president/news/76191'],
    ['kremlin-news', 'KremlinRussia/76191', 'http://kremlin.ru/events/president/news/76191'],
    // Ids that are no post number of this channel make no link.
    ['mfa-russia', 'MID_Russia/27748', null],
    ['mfa-russia', 'x1', null],
    ['mfa-russia', '27748a', null],
    ['mfa-russia', '', null],
    ['mfa-russia', null, null],
  ])('%s, id %s: %s', (id, externalId, url) => {
    expect(postUrl(byId(id), externalId)).toBe(url);
  });

  test('postNumber takes the number out of a channel-qualified id', () => {
    expect(postNumber(byId('kremlin-news'), 'kremlin.ru/76191')).toBe('76191');
    expect(postNumber(byId('kremlin-news'), 'MFARussia/1')).toBeNull();
  });
});

describe('a bad file fails at load, naming the file', () => {
  const good = channelsData.channels[0];
  if (!good) throw new Error('channels.json has no profile');
  const withProfile = (over: Record<string, unknown>) => ({ default: good.id, channels: [{ ...good, ...over }] });

  test.each([
    ['a time zone Intl does not know', { timeZone: 'Europe/Atlantis' }, /timeZone/],
    ['an offset for a zone', { timeZone: '+03:00' }, /timeZone/],
    ['a country that is no ISO code', { homeCountry: 'XX' }, /homeCountry/],
    ['a lowercase country', { homeCountry: 'ru' }, /homeCountry/],
    ['a language the parser does not read', { languages: ['de'] }, /languages/],
    ['no language', { languages: [] }, /languages/],
    ['a principal principals.json does not know', { principals: ['Nobody Atall'] }, /principals/],
    ['a link without {id}', { linkTemplate: 'https://t.me/MID_Russia/' }, /linkTemplate/],
    ['a link that is not a link', { linkTemplate: 'MID_Russia/{id}' }, /linkTemplate/],
    ['a handle that is not one', { handle: 'МИД России' }, /handle/],
    ['an unknown field', { timezone: 'Europe/Moscow' }, /timezone/],
    ['a title of emoji alone', { titles: ['🇷🇺'] }, /nothing but emoji/],
  ])('%s', (_n, over, field) => {
    expect(() => loadChannels(withProfile(over), 'lib/ingest/data/channels.json')).toThrow(/^lib\/ingest\/data\/channels\.json: /);
    expect(() => loadChannels(withProfile(over))).toThrow(field);
  });

  test('a default that names no profile', () => {
    expect(() => loadChannels({ default: 'nobody', channels: [good] })).toThrow(/channels\.json: [\s\S]*"nobody" is no profile's id/);
  });

  test('a name that finds two profiles', () => {
    const other = { ...good, id: 'other', handle: 'OtherChannel', aliases: [], telegramIds: [], titles: ['мид россии'] };
    expect(() => loadChannels({ default: good.id, channels: [good, other] })).toThrow(/names both "mid-russia" and "other"/);
  });

  test('a profile id used twice', () => {
    const other = { ...good, handle: 'OtherChannel', aliases: [], telegramIds: [], titles: [] };
    expect(() => loadChannels({ default: good.id, channels: [good, other] })).toThrow(/used twice/);
  });

  test('a good file loads into a directory of its own', () => {
    const dir = loadChannels({ default: 'test', channels: [{ ...good, id: 'test', handle: 'TestChannel', titles: ['Test'], aliases: [], telegramIds: [] }] });
    expect(dir.find('@testchannel')?.id).toBe('test');
    expect(dir.find('MID_Russia')).toBeNull();
    expect(dir.fallback.id).toBe('test');
  });
});

describe('one channel under its names', () => {
  test.each([
    ['@mfarussia', 'MFARussia'],
    ['https://t.me/MFARussia', 'MFARussia'],
    ['https://t.me/s/MFARussia', 'MFARussia'],
    ['t.me/s/some_channel/', 'some_channel'],
    ['@some_channel', 'some_channel'],
    ['My Channel', 'My Channel'],
  ])('%s is stored as %s', (name, canonical) => {
    expect(canonicalChannel(name)).toBe(canonical);
  });

  test('names of one channel share a key, case aside; another channel has another', () => {
    expect(channelKey('t.me/s/Some_Channel')).toBe(channelKey('@some_channel'));
    expect(channelKey('@other_channel')).not.toBe(channelKey('@some_channel'));
  });
});
