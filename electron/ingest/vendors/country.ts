/**
 * Country text to ISO 3166-1 alpha-2. Okta, Duo and PingID write English country names
 * ("United States") while Entra and the IP databases write codes ("US"); the rules compare
 * countries across vendors and with lookups, so a name kept as written reads as another country
 * ("sign-in from United States, device in US: another country"). The verbatim record keeps
 * what the vendor wrote; text that names no known country is kept as it is.
 *
 * Names come from ICU's English region names, matched loosely (case, accents, "&" for "and",
 * "St." for "Saint"), plus the ISO, MaxMind and older forms vendors are seen to use.
 */

/** ICU region codes that are not countries or territories an address can be in. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA']);

const ALIASES: Readonly<Record<string, string>> = {
  'united states of america': 'US',
  usa: 'US',
  'great britain': 'GB',
  uk: 'GB',
  'russian federation': 'RU',
  'korea republic of': 'KR',
  'republic of korea': 'KR',
  korea: 'KR',
  'korea democratic peoples republic of': 'KP',
  'czech republic': 'CZ',
  turkey: 'TR',
  turkiye: 'TR',
  'viet nam': 'VN',
  'iran islamic republic of': 'IR',
  'syrian arab republic': 'SY',
  'taiwan province of china': 'TW',
  'hong kong': 'HK',
  macao: 'MO',
  macau: 'MO',
  'dr congo': 'CD',
  'democratic republic of the congo': 'CD',
  'congo the democratic republic of the': 'CD',
  'congo republic': 'CG',
  'republic of the congo': 'CG',
  congo: 'CG',
  'ivory coast': 'CI',
  myanmar: 'MM',
  burma: 'MM',
  'lao peoples democratic republic': 'LA',
  'moldova republic of': 'MD',
  'tanzania united republic of': 'TZ',
  'bolivia plurinational state of': 'BO',
  'venezuela bolivarian republic of': 'VE',
  palestine: 'PS',
  'palestine state of': 'PS',
  'holy see': 'VA',
  vatican: 'VA',
  'federated states of micronesia': 'FM',
  'micronesia federated states of': 'FM',
  macedonia: 'MK',
  'republic of north macedonia': 'MK',
  swaziland: 'SZ',
  'cabo verde': 'CV',
  'brunei darussalam': 'BN',
  'aland islands': 'AX',
  aland: 'AX',
  'east timor': 'TL',
  pitcairn: 'PN',
};

/** Lower case, no accents or punctuation, "&" as "and", "St." as "Saint", no leading "the". */
function looseKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bst\.\s*/g, 'saint ')
    .replace(/['’]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

let byName: Map<string, string> | undefined;

function names(): Map<string, string> {
  if (byName !== undefined) return byName;
  const map = new Map<string, string>();
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      // Withdrawn codes (UK, BU, YU, ...) name today's country: only its own code may claim the name.
      if (NOT_COUNTRIES.has(code) || Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      const name = display.of(code);
      if (name === undefined || name === code) continue;
      map.set(looseKey(name), code);
      // ICU qualifies some names: "Myanmar (Burma)", "Hong Kong SAR China".
      const bare = name.replace(/\s*\(.*\)$/, '');
      if (bare !== name) map.set(looseKey(bare), code);
      map.set(code.toLowerCase(), code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) map.set(alias, code);
  byName = map;
  return map;
}

/** Vendor text seen before, and what it became: exports repeat a handful of countries. */
const seen = new Map<string, string>();

/** The ISO 3166-1 alpha-2 code of a country name or code; the text itself when it names none. */
export function countryCode(text: string): string {
  const known = seen.get(text);
  if (known !== undefined) return known;
  const code = names().get(looseKey(text)) ?? text;
  if (seen.size < 10_000) seen.set(text, code);
  return code;
}
