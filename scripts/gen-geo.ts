// npm run gen:geo: writes the compact country table the app uses (lib/domain/geo/countries.json) from
// the world-countries package, and vendors the world map (public/maps/) from world-atlas, so
// that nothing is fetched from elsewhere at run time. Re-run after upgrading either package.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface WorldCountry {
  cca2: string;
  ccn3: string;
  cca3: string;
  flag: string;
  region: string;
  subregion: string;
  name: { common: string; official: string };
  translations: Record<string, { common: string; official: string }>;
}

// Partly recognised states the channels treat as counterparts and ISO 3166 does not list; they
// have codes of their own (never an ISO code) and no shape on the world map.
const EXTRA = [
  { code: 'AB', numeric: null, alpha3: 'ABH', flag: '', name: 'Abkhazia', nameRu: 'Абхазия', region: 'Asia', subregion: 'Western Asia' },
];

const countries = (require('world-countries') as WorldCountry[])
  .map((c) => ({
    code: c.cca2,
    numeric: c.ccn3 || null,
    alpha3: c.cca3,
    flag: c.flag,
    name: c.name.common,
    nameRu: c.translations.rus?.common ?? c.name.common,
    region: c.region || null,
    subregion: c.subregion || null,
  }))
  .concat(EXTRA)
  .sort((a, b) => a.code.localeCompare(b.code));

const root = process.cwd();
fs.writeFileSync(path.join(root, 'lib/domain/geo/countries.json'), `${JSON.stringify(countries, null, 0).replace(/},{/g, '},\n{')}\n`);
fs.copyFileSync(require.resolve('world-atlas/countries-110m.json'), path.join(root, 'public/maps/countries-110m.json'));
console.log(`lib/domain/geo/countries.json: ${countries.length} countries; public/maps/countries-110m.json vendored`);
