// npm run gen:labels: writes lib/domain/labels.json, the names the dashboard shows for topic and
// organisation codes and the principals it filters by, from the parser's vocabularies (lib/ingest/data). The web app reads the
// small file, never the vocabularies: the domain layer does not depend on the parser's data.
// lib/domain/labels.test.ts fails when the file is not what this writes.
import fs from 'node:fs';
import path from 'node:path';
import organizations from '@/lib/ingest/data/organizations.json';
import principals from '@/lib/ingest/data/principals.json';
import topics from '@/lib/ingest/data/topics.json';
import { runIfEntry, type Io } from './io';

export const LABELS_FILE = path.join(process.cwd(), 'lib/domain/labels.json');

interface Label {
  en: string;
  ru: string;
}

export interface LabelsFile {
  topics: Record<string, Label>;
  organizations: Record<string, Label>;
  /** The channel's own side, for the principal filter: name, title, Russian surname. */
  principals: { name: string; title_en?: string; surname_ru: string }[];
}

interface PrincipalEntry {
  name: string;
  surname_ru: string;
  title_en?: string;
}

interface OrgEntry {
  code: string;
  en?: string[];
  ru?: string[];
  acronyms?: string[];
}

interface TopicEntry {
  code: string;
  label_en: string;
  label_ru: string;
}

/** The labels as the vocabularies give them today, in the vocabularies' order. */
export function labelsFromVocabularies(): LabelsFile {
  return {
    topics: Object.fromEntries((topics.topics as TopicEntry[]).map((t) => [t.code, { en: t.label_en, ru: t.label_ru }])),
    organizations: Object.fromEntries(
      (organizations.organizations as OrgEntry[]).map((o) => [
        o.code,
        { en: o.en?.[0] ?? o.code, ru: o.ru?.[0] ?? o.acronyms?.find((a) => /[А-Яа-я]/.test(a)) ?? o.code },
      ]),
    ),
    principals: (principals.principals as PrincipalEntry[]).map((p) => ({ name: p.name, title_en: p.title_en, surname_ru: p.surname_ru })),
  };
}

export function labelsJson(): string {
  return `${JSON.stringify(labelsFromVocabularies(), null, 1)}\n`;
}

export async function main(_argv: string[], io: Io): Promise<number> {
  fs.writeFileSync(LABELS_FILE, labelsJson());
  const l = labelsFromVocabularies();
  io.stdout(`${path.relative(process.cwd(), LABELS_FILE)}: ${Object.keys(l.topics).length} topics, ${Object.keys(l.organizations).length} organisations\n`);
  return 0;
}

runIfEntry(import.meta.url, main);
