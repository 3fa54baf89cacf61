// The two languages of the channels' posts.
export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];
