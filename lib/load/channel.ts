// Which channel a post is stored under. The input names it where it can (a Telegram export, a
// JSON Lines row's "channel"); --channel names it where the input does not (plain text, rows
// without one), and must agree with it where it does: a post is known by its channel and id, so
// one export stored under two names would be stored twice.
import { canonicalChannel, channelKey, knownProfile, postUrl } from '@/lib/ingest/channels';
import type { RawPost } from '@/lib/ingest/types';

/** The channel of posts that name none, when no --channel is given either. */
export const DEFAULT_CHANNEL = 'unknown';

/** The channel the bundled sample is stored under (npm start loads it into an empty database). */
export const SAMPLE_CHANNEL = 'mfa_russia_sample';

// Which names are one channel is the channel directory's to say (lib/ingest/channels.ts): the
// parser's readers compare channels so too.
export { canonicalChannel, channelKey };

const HANDLE_RE = /^[A-Za-z][A-Za-z0-9_]{3,}$/;

/** --channel against a post's own channel; the message is one line. */
export class ChannelConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelConflict';
  }
}

/**
 * Posts with `channel` given where they name none; an error where one names another channel.
 * `where` names the input in the message (a file).
 */
export function withChannel(posts: RawPost[], channel: string | undefined, where?: string): RawPost[] {
  if (channel === undefined || channel.trim() === '') return posts;
  const key = channelKey(channel);
  return posts.map((p) => {
    if (p.channel === null || p.channel.trim() === '') return { ...p, channel, url: p.url ?? linkOf(channel, p.externalId) };
    if (channelKey(p.channel) === key) return p;
    const post = p.externalId !== null ? `post ${p.externalId}` : `post ${p.seq + 1}`;
    throw new ChannelConflict(
      `${where ? `${where}: ` : ''}--channel ${channel} contradicts the channel of ${post} ("${p.channel}"); the input names its channels, leave --channel out`,
    );
  });
}

/** A post's link from the channel it was given: a known channel's, else a t.me link of a handle. */
function linkOf(channel: string, id: string | null): string | null {
  const profile = knownProfile(channel);
  if (profile) return postUrl(profile, id);
  const handle = canonicalChannel(channel);
  return HANDLE_RE.test(handle) && id !== null && /^\d+$/.test(id) ? `https://t.me/${handle}/${id}` : null;
}
