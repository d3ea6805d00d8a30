/** Holds the theme choice for the whole UI and follows the system preference live when asked to. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ColorScheme } from '../../../shared/view/palette.js';
import { SYSTEM_DARK, applyScheme, resolveScheme, storeChoice, storedChoice, type ThemeChoice } from './theme.js';

interface Theme {
  choice: ThemeChoice;
  /** What is actually shown: canvas marks need real colours, not CSS variables. */
  scheme: ColorScheme;
  choose: (choice: ThemeChoice) => void;
}

const ThemeContext = createContext<Theme | null>(null);

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useState<ThemeChoice>(storedChoice);
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(SYSTEM_DARK).matches);
  useEffect(() => {
    const mq = window.matchMedia(SYSTEM_DARK);
    const onChange = (): void => setSystemDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  const scheme = resolveScheme(choice, systemDark);
  useEffect(() => applyScheme(scheme), [scheme]);
  const choose = useCallback((next: ThemeChoice) => {
    storeChoice(next);
    setChoice(next);
  }, []);
  const theme = useMemo(() => ({ choice, scheme, choose }), [choice, scheme, choose]);
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (theme === null) throw new Error('useTheme outside <ThemeProvider>');
  return theme;
}

export function useColorScheme(): ColorScheme {
  return useTheme().scheme;
}
