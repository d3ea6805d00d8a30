/** An open case: one header with the case name and the screens of the workbench. */
import { useState } from 'react';
import type { CaseInfo } from '../../../shared/model/case.js';
import { messageOf, useApi } from '../api.js';
import { AnnotationsProvider } from '../annotations/AnnotationsProvider.js';
import { CaseOverview } from './CaseOverview.js';
import { ImportScreen } from './ImportScreen.js';
import { SearchScreen } from '../search/SearchScreen.js';
import { ReportScreen } from './ReportScreen.js';
import { HuntScreen } from '../hunt/HuntScreen.js';
import { SequenceView } from './SequenceView.js';
import { UsersScreen } from './UsersScreen.js';
import { ThemeSelect } from '../theme/ThemeSelect.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { KeptMounted } from '../components/KeptMounted.js';
import { StaleFindings } from '../components/StaleFindings.js';

type Screen = { name: 'overview' } | { name: 'import' } | { name: 'users'; filter?: string } | { name: 'search' } | { name: 'sequence'; user: string; focusId?: number } | { name: 'report' } | { name: 'hunt' };

export function CaseWorkspace({ info, onClosed }: { info: CaseInfo; onClosed: () => void }) {
  const api = useApi();
  const [screen, setScreen] = useState<Screen>({ name: 'overview' });
  const [lastUser, setLastUser] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const close = (): void => {
    api.call('case/close', null).then(onClosed, (err: unknown) => setError(messageOf(err)));
  };
  const openUser = (user: string, focusId?: number): void => {
    setLastUser(user);
    setScreen(focusId === undefined ? { name: 'sequence', user } : { name: 'sequence', user, focusId });
  };
  const tab = (name: Screen['name'], label: string, go: () => void, disabled = false) => (
    <button type="button" className="tab" aria-current={screen.name === name ? 'page' : undefined} disabled={disabled} onClick={go}>
      {label}
    </button>
  );

  return (
    <AnnotationsProvider>
      <div className="workspace">
        <header className="case-header">
          <h1>{info.meta.name}</h1>
          <nav aria-label="Screens" className="tabs">
            {tab('overview', 'Overview', () => setScreen({ name: 'overview' }))}
            {tab('import', 'Import', () => setScreen({ name: 'import' }))}
            {tab('users', 'Users', () => setScreen({ name: 'users' }))}
            {tab('search', 'Search', () => setScreen({ name: 'search' }))}
            {tab('sequence', lastUser === null ? 'Sequence' : `Sequence: ${lastUser}`, () => lastUser !== null && openUser(lastUser), lastUser === null)}
            {tab('report', 'Report', () => setScreen({ name: 'report' }))}
            {tab('hunt', 'Hunt', () => setScreen({ name: 'hunt' }))}
          </nav>
          <ThemeSelect />
          <button type="button" onClick={close}>
            Close case
          </button>
        </header>
        <ErrorAlert message={error} />
        <StaleFindings analysis={info.analysis} />
        {screen.name === 'overview' && <CaseOverview info={info} onShowUsers={(verdict) => setScreen({ name: 'users', filter: verdict })} />}
        <KeptMounted shown={screen.name === 'import'}>
          <ImportScreen zone={info.meta.displayTimeZone} />
        </KeptMounted>
        {screen.name === 'hunt' && <HuntScreen />}
        {screen.name === 'users' && <UsersScreen key={screen.filter ?? ''} onOpenUser={openUser} initialFilter={screen.filter} />}
        <KeptMounted shown={screen.name === 'search'}>
          <SearchScreen zone={info.meta.displayTimeZone} onOpen={openUser} />
        </KeptMounted>
        <KeptMounted shown={screen.name === 'report'}>
          <ReportScreen visible={screen.name === 'report'} />
        </KeptMounted>
        {screen.name === 'sequence' && (
          <main className="workspace-main wide">
            <SequenceView user={screen.user} focusId={screen.focusId} zone={info.meta.displayTimeZone} onOpen={openUser} />
          </main>
        )}
      </div>
    </AnnotationsProvider>
  );
}
