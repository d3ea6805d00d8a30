/** The theme control: follow the system (the default), or always light, or always dark. */
import { useId } from 'react';
import { isThemeChoice, type ThemeChoice } from './theme.js';
import { useTheme } from './ThemeProvider.js';

const LABEL: Readonly<Record<ThemeChoice, string>> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeSelect() {
  const { choice, choose } = useTheme();
  const id = useId();
  return (
    <span className="theme-select">
      <label htmlFor={id}>Theme</label>{' '}
      <select id={id} value={choice} onChange={(e) => isThemeChoice(e.target.value) && choose(e.target.value)}>
        {(Object.keys(LABEL) as ThemeChoice[]).map((c) => (
          <option key={c} value={c}>
            {LABEL[c]}
          </option>
        ))}
      </select>
    </span>
  );
}
