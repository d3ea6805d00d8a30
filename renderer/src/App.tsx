/** Top level: shows the open case, or the chooser when none is open. */
import { useEffect, useState } from 'react';
import type { CaseInfo } from '../../shared/model/case.js';
import { messageOf, useApi } from './api.js';
import { CaseChooser } from './screens/CaseChooser.js';
import { CaseWorkspace } from './screens/CaseWorkspace.js';
import { ErrorAlert } from './components/ErrorAlert.js';

type View = { kind: 'loading' } | { kind: 'chooser' } | { kind: 'case'; info: CaseInfo } | { kind: 'error'; message: string };

export function App() {
  const api = useApi();
  const [view, setView] = useState<View>({ kind: 'loading' });

  useEffect(() => {
    const off = api.on('case/changed', (info) => setView({ kind: 'case', info }));
    api
      .call('app/info', null)
      .then((app) => (app.openCase === null ? setView({ kind: 'chooser' }) : api.call('case/info', null).then((info) => setView({ kind: 'case', info }))))
      .catch((err: unknown) => setView({ kind: 'error', message: messageOf(err) }));
    return off;
  }, [api]);

  switch (view.kind) {
    case 'loading':
      return <p className="muted">Loading…</p>;
    case 'error':
      return <ErrorAlert message={view.message} />;
    case 'chooser':
      return <CaseChooser onOpened={(info) => setView({ kind: 'case', info })} />;
    case 'case':
      return <CaseWorkspace info={view.info} onClosed={() => setView({ kind: 'chooser' })} />;
  }
}
