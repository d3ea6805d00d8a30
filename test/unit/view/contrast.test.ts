/**
 * Contrast of both themes, read from the style sheets themselves: text and focus colours reach
 * WCAG AA (4.5:1) on the page and panel backgrounds, and every colour-blind-safe mark and
 * severity colour reaches 3:1 (WCAG 1.4.11, graphical objects) in the scheme it is drawn in.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type ColorScheme, OKABE_ITO, SEVERITY_COLOR } from '../../../shared/view/palette.js';
import { REPO_ROOT } from '../../support/corpus.js';

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The custom properties declared in the first rule whose selector is exactly `selector`. */
function variables(css: string, selector: string): Map<string, string> {
  const at = css.indexOf(`${selector} {`);
  assert.ok(at >= 0, `no rule ${selector}`);
  const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
  return new Map([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1] ?? '', (m[2] ?? '').toLowerCase()]));
}

const styles = readFileSync(join(REPO_ROOT, 'renderer/src/styles.css'), 'utf8');
const light = variables(styles, ':root');
const THEMES: Record<ColorScheme, Map<string, string>> = {
  light,
  dark: new Map([...light, ...variables(styles, ":root[data-theme='dark']")]),
};

function color(vars: Map<string, string>, name: string): string {
  const value = vars.get(name);
  assert.ok(value !== undefined, `${name} is not declared`);
  return value;
}

for (const scheme of ['light', 'dark'] as const) {
  const app = THEMES[scheme];
  const backgrounds = [color(app, '--bg'), color(app, '--panel')];

  test(`${scheme} theme: text, links, status colours and the focus ring reach 4.5:1`, () => {
    for (const name of ['--fg', '--muted', '--accent', '--ok', '--bad', '--warn']) {
      for (const bg of backgrounds) assert.ok(contrast(color(app, name), bg) >= 4.5, `${scheme} ${name} on ${bg}: ${contrast(color(app, name), bg).toFixed(2)}`);
    }
    const onAccent = contrast(color(app, '--on-accent'), color(app, '--accent'));
    assert.ok(onAccent >= 4.5, `${scheme} button text on the accent: ${onAccent.toFixed(2)}`);
  });

  test(`${scheme} theme: every mark colour of the colour-blind-safe palette reaches 3:1`, () => {
    for (const [name, value] of Object.entries(OKABE_ITO[scheme])) {
      for (const bg of backgrounds) assert.ok(contrast(value, bg) >= 3, `${scheme} ${name} ${value} on ${bg}: ${contrast(value, bg).toFixed(2)}`);
    }
  });

  test(`${scheme} theme: severity badges use the palette's colours and reach 3:1`, () => {
    for (const [severity, paletteColor] of Object.entries(SEVERITY_COLOR)) {
      if (severity === 'info') continue;
      const value = color(app, `--sev-${severity}`);
      assert.equal(value, OKABE_ITO[scheme][paletteColor], `--sev-${severity} in ${scheme}`);
      for (const bg of backgrounds) assert.ok(contrast(value, bg) >= 3, `${scheme} --sev-${severity} on ${bg}: ${contrast(value, bg).toFixed(2)}`);
    }
  });
}
