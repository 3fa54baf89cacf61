// The option lists of the filter bar, built once from the app's data files.
import { COUNTRIES, REGIONS } from '@/lib/domain/geo';
import { ORGANIZATIONS, PRINCIPALS, TOPICS } from '@/lib/domain/labels';
import type { Option } from './MultiSelect';

export const COUNTRY_OPTIONS: readonly Option[] = COUNTRIES.filter((c) => c.code !== 'AQ')
  .map((c) => ({ value: c.code, label: c.name, hint: c.nameRu, icon: c.flag, search: c.alpha3 }))
  .sort((a, b) => a.label.localeCompare(b.label));

const regionName = new Map(REGIONS.map((r) => [r.code, r.name]));

export const REGION_OPTIONS: readonly Option[] = REGIONS.filter((r) => r.code !== 'antarctic').map((r) => ({
  value: r.code,
  label: r.name,
  hint: r.parent ? regionName.get(r.parent) : 'region',
  indent: Boolean(r.parent),
}));

export const ORG_OPTIONS: readonly Option[] = [...ORGANIZATIONS]
  .sort((a, b) => a.code.localeCompare(b.code))
  .map((o) => ({ value: o.code, label: o.en === o.code ? o.code : `${o.code} · ${o.en}`, hint: o.ru }));

export const TOPIC_OPTIONS: readonly Option[] = [...TOPICS].sort((a, b) => a.en.localeCompare(b.en)).map((t) => ({ value: t.code, label: t.en, hint: t.ru, search: t.code }));

export const PRINCIPAL_NAMES: readonly string[] = PRINCIPALS.map((p) => p.name);

export const PRINCIPAL_OPTIONS: readonly Option[] = PRINCIPALS.map((p) => ({
  value: p.name,
  label: p.name,
  hint: p.title_en,
  search: p.surname_ru,
}));

export function regionLabel(code: string): string {
  const r = REGIONS.find((x) => x.code === code);
  return r ? r.name : code;
}

/**
 * The options that occur in the data, most events first, each with its count; those chosen but
 * absent stay, with 0. Until the counts are known, every option, as before.
 */
export function presentOptions(options: readonly Option[], counts: readonly { code: string; count: number }[] | undefined, selected: readonly string[]): readonly Option[] {
  if (!counts) return options;
  const byValue = new Map(options.map((o) => [o.value, o]));
  const out: Option[] = [];
  for (const c of counts) {
    const o = byValue.get(c.code) ?? { value: c.code, label: c.code };
    if (c.count > 0) out.push({ ...o, count: c.count, indent: false });
  }
  const present = new Set(out.map((o) => o.value));
  for (const v of selected) if (!present.has(v)) out.push({ ...(byValue.get(v) ?? { value: v, label: v }), count: 0, indent: false });
  return out;
}
