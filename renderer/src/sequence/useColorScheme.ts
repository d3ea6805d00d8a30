/** The OS light/dark preference, live: canvas marks need real colours, not CSS variables. */
import { useEffect, useState } from 'react';
import type { ColorScheme } from '../../../shared/view/palette.js';

const QUERY = '(prefers-color-scheme: dark)';

export function useColorScheme(): ColorScheme {
  const [scheme, setScheme] = useState<ColorScheme>(() => (window.matchMedia(QUERY).matches ? 'dark' : 'light'));
  useEffect(() => {
    const mq = window.matchMedia(QUERY);
    const onChange = (): void => setScheme(mq.matches ? 'dark' : 'light');
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return scheme;
}
