import { describe, expect, test } from 'vitest';
import type { RawPost } from '@/lib/ingest/types';
import { inferYear } from './year';

const post = (text: string): RawPost => ({ channel: null, externalId: null, postedAt: null, lang: null, text, url: null, seq: 0 });
const NOW = new Date('2026-11-27T00:00:00Z');

describe('inferYear', () => {
  test.each([
    ['the latest full date wins over quoted history', ['Briefing (Moscow, September 19, 2023)', 'dated November 9, 2020'], 2023],
    ['Russian full dates', ['(Санкт-Петербург, 20 сентября 2023 года)', 'Декларации от 24 октября 1970 г.'], 2023],
    ['numeric dates', ['Заявление МИД России от 05.03.2024'], 2024],
    ['future years are announcements', ['to be held on March 3, 2031', 'On May 1, 2025'], 2025],
    ['no full date: unknown', ['20 сентября состоялась беседа', 'The 1991 Alma-Ata Protocols'], undefined],
  ])('%s', (_name, texts, year) => {
    expect(inferYear(texts.map(post), NOW)).toBe(year);
  });
});
