/**
 * Dev harness for the sequence screen without a backend: a generated push-bombing case, or
 * 100,000 events with ?dense=1; ?zone=Europe/London picks the display zone; ?view=all opens on
 * the whole history instead of the main incident (the worst case for drawing). Draw timings go
 * to the console and to data-* attributes on <html> for e2e tests and benchmarks.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { denseDemo, normalDemo } from './demo-data.js';
import { SequenceScreen } from './SequenceScreen.js';
import type { DrawStats } from './SequenceTimeline.js';
import '../styles.css';
import './demo.css';

const params = new URLSearchParams(window.location.search);
const dense = params.get('dense') === '1';
const zone = params.get('zone') ?? 'UTC';
const initialView = params.get('view') === 'all' ? 'all' : 'incident';

const generating = performance.now();
const demo = dense ? denseDemo() : normalDemo();
console.info(`[sequence-demo] generated ${demo.events.length} events in ${(performance.now() - generating).toFixed(0)} ms`);

const html = document.documentElement;
let draws = 0;
const mounting = performance.now();
const onDrawn = (s: DrawStats): void => {
  draws++;
  html.dataset['draws'] = String(draws);
  html.dataset['lastDrawMs'] = s.ms.toFixed(2);
  if (draws === 1) {
    const total = performance.now() - mounting;
    html.dataset['firstDrawMs'] = s.ms.toFixed(2);
    html.dataset['mountToDrawMs'] = total.toFixed(2);
    console.info(`[sequence-demo] first draw: ${s.events} events, ${s.marks} marks traced; canvas ${s.ms.toFixed(1)} ms; mount to drawn ${total.toFixed(1)} ms`);
  }
};

const root = document.getElementById('root');
if (root === null) throw new Error('sequence-demo.html has no #root');
createRoot(root).render(
  <StrictMode>
    <main className="seq-demo">
      <SequenceScreen user={demo.user} events={demo.events} findings={demo.findings} zone={zone} loadRaw={demo.loadRaw} initialView={initialView} onDrawn={onDrawn} />
    </main>
  </StrictMode>,
);
