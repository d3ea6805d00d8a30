import { useState, type ReactNode } from 'react';

/**
 * A screen mounted the first time it is shown and afterwards only hidden, so its state (search
 * filters and page, report choices, a running export's progress) survives a look elsewhere.
 */
export function KeptMounted({ shown, children }: { shown: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(shown);
  // React's pattern for state derived from props: set during render, re-rendered before commit.
  if (shown && !opened) setOpened(true);
  return opened ? <div hidden={!shown}>{children}</div> : null;
}
