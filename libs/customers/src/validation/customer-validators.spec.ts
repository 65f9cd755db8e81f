import {
  METADATA_MAX_KEYS,
  canonicalLocale,
  canonicalTimeZone,
  hasControlCharacters,
  isBcp47Locale,
  isIanaTimeZone,
  metadataProblem,
} from './customer-validators';

describe('customer validators', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'europe/berlin'])(
    'accepts the time zone %s',
    (zone) => expect(isIanaTimeZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus', '+01:00', 'GMT+1:00', 'Europe/Berlin ', 42, null, 'x'.repeat(65)])(
    'refuses the time zone %p',
    (zone) => expect(isIanaTimeZone(zone)).toBe(false),
  );

  it('canonicalises time zones and locales', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalLocale('de-de')).toBe('de-DE');
    expect(canonicalLocale('ZH-hant-tw')).toBe('zh-Hant-TW');
  });

  it.each(['en', 'de-DE', 'pt-BR', 'zh-Hant-TW', 'es-419'])('accepts the locale %s', (locale) =>
    expect(isBcp47Locale(locale)).toBe(true),
  );

  it.each(['', 'en_US', 'not a locale', 'x', 42, 'a'.repeat(36)])('refuses the locale %p', (locale) =>
    expect(isBcp47Locale(locale)).toBe(false),
  );

  it('bounds metadata', () => {
    expect(metadataProblem({})).toBeUndefined();
    expect(metadataProblem({ ['k'.repeat(40)]: 'v'.repeat(500) })).toBeUndefined();
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(metadataProblem(many(METADATA_MAX_KEYS))).toBeUndefined();
    expect(metadataProblem(many(METADATA_MAX_KEYS + 1))).toMatch(/at most 50 keys/);
    expect(metadataProblem({ ['k'.repeat(41)]: 'v' })).toMatch(/keys must be 1 to 40/);
    expect(metadataProblem({ '': 'v' })).toMatch(/keys must be 1 to 40/);
    expect(metadataProblem({ k: 'v'.repeat(501) })).toMatch(/metadata.k must be at most 500/);
    expect(metadataProblem({ k: 1 })).toMatch(/metadata.k must be a string/);
    expect(metadataProblem({ k: null })).toMatch(/must be a string/);
    expect(metadataProblem([])).toMatch(/object/);
    expect(metadataProblem('x')).toMatch(/object/);
    expect(metadataProblem({ k: 'a\u0000b' })).toMatch(/control characters/);
  });

  it('spots control characters but allows tabs and line breaks', () => {
    expect(hasControlCharacters('a\tb\nc\r')).toBe(false);
    expect(hasControlCharacters('a\u0000b')).toBe(true);
    expect(hasControlCharacters('a\u001bb')).toBe(true);
  });
});
