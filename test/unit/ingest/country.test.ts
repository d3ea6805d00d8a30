/**
 * Country text from the vendors (names from Okta, Duo and PingID; codes from Entra and the IP
 * databases) becomes one ISO 3166-1 alpha-2 code, so rules comparing countries compare places.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countryCode } from '../../../electron/ingest/vendors/country.js';

describe('countryCode', () => {
  it('turns the names vendors write into ISO codes', () => {
    const cases: Array<[string, string]> = [
      ['United States', 'US'],
      ['united states', 'US'],
      ['United States of America', 'US'],
      ['United Kingdom', 'GB'],
      ['Russia', 'RU'],
      ['Russian Federation', 'RU'],
      ['Netherlands', 'NL'],
      ['The Netherlands', 'NL'],
      ['Czech Republic', 'CZ'],
      ['Czechia', 'CZ'],
      ['Turkey', 'TR'],
      ['Türkiye', 'TR'],
      ['Vietnam', 'VN'],
      ['Viet Nam', 'VN'],
      ['Korea, Republic of', 'KR'],
      ['South Korea', 'KR'],
      ["Cote d'Ivoire", 'CI'],
      ['Bosnia and Herzegovina', 'BA'],
      ['Saint Kitts and Nevis', 'KN'],
      ['Hong Kong', 'HK'],
      ['Myanmar', 'MM'],
      ['Germany', 'DE'],
      ['Brazil', 'BR'],
      ['Nigeria', 'NG'],
    ];
    for (const [name, code] of cases) assert.equal(countryCode(name), code, name);
  });

  it('keeps codes as codes, upper case', () => {
    assert.equal(countryCode('US'), 'US');
    assert.equal(countryCode('de'), 'DE');
  });

  it('keeps text that names no country as the vendor wrote it', () => {
    assert.equal(countryCode('N/A'), 'N/A');
    assert.equal(countryCode('European Union'), 'European Union');
    assert.equal(countryCode('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
  });
});
