/**
 * Light or dark: the analyst's choice, or the system's when they have not chosen. The resolved
 * scheme is written to `<html data-theme>` (the style sheets key on it) and the choice is kept
 * in localStorage, which the Electron window and the browser both provide.
 */
import type { ColorScheme } from '../../../shared/view/palette.js';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

const STORAGE_KEY = 'pushtrail.theme';
export const SYSTEM_DARK = '(prefers-color-scheme: dark)';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

export function storedChoice(): ThemeChoice {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isThemeChoice(value) ? value : 'system';
  } catch {
    // Storage can be unavailable (disabled, opaque origin): follow the system.
    return 'system';
  }
}

export function storeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not persisted; the choice still holds for this window.
  }
}

export function resolveScheme(choice: ThemeChoice, systemDark: boolean): ColorScheme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

export function applyScheme(scheme: ColorScheme): void {
  document.documentElement.dataset['theme'] = scheme;
}
