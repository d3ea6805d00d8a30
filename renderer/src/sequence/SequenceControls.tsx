/**
 * Playhead controls. Buttons stay focusable at the ends (aria-disabled, not disabled) so focus
 * is never dropped to the page while someone holds an arrow key. The keys themselves are bound
 * by useStepKeys so they work wherever focus is in the sequence screen.
 */
import { canStep, type StepCommand } from '../../../shared/view/stepping.js';

/** 16×16 icons: bars are ends, single triangles events, double triangles findings. */
const ICON: Readonly<Record<StepCommand, string>> = {
  first: 'M2.5 3h2v10h-2zM13.5 3v10L5.5 8z',
  prevFinding: 'M8 3v10L1.5 8zM14.5 3v10L8 8z',
  prevEvent: 'M11.5 3v10L4 8z',
  nextEvent: 'M4.5 3v10L12 8z',
  nextFinding: 'M1.5 3v10L8 8zM8 3v10l6.5-5z',
  last: 'M11.5 3h2v10h-2zM2.5 3v10l8-5z',
};

interface Control {
  command: StepCommand;
  label: string;
  /** aria-keyshortcuts syntax. */
  keys: string;
  hint: string;
}

const CONTROLS: readonly Control[] = [
  { command: 'first', label: 'First event', keys: 'Home', hint: 'Home' },
  { command: 'prevFinding', label: 'Previous finding', keys: 'Shift+ArrowLeft', hint: 'Shift+←' },
  { command: 'prevEvent', label: 'Previous event', keys: 'ArrowLeft', hint: '←' },
  { command: 'nextEvent', label: 'Next event', keys: 'ArrowRight', hint: '→' },
  { command: 'nextFinding', label: 'Next finding', keys: 'Shift+ArrowRight', hint: 'Shift+→' },
  { command: 'last', label: 'Last event', keys: 'End', hint: 'End' },
];

export interface SequenceControlsProps {
  current: number;
  count: number;
  /** Event indexes where findings start (the stops of previous / next finding). */
  findingStarts: readonly number[];
  onStep: (command: StepCommand) => void;
}

export function SequenceControls({ current, count, findingStarts, onStep }: SequenceControlsProps) {
  return (
    <div className="seq-controls" role="toolbar" aria-label="Step through events">
      {CONTROLS.map((c) => {
        const enabled = canStep(c.command, current, count, findingStarts);
        return (
          <button
            key={c.command}
            type="button"
            className="seq-step"
            aria-disabled={!enabled}
            aria-keyshortcuts={c.keys}
            title={`${c.label} (${c.hint})`}
            onClick={() => {
              if (enabled) onStep(c.command);
            }}
          >
            <svg className="seq-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d={ICON[c.command]} fill="currentColor" />
            </svg>
            {c.label}
          </button>
        );
      })}
      <span className="seq-position muted">
        {count === 0 ? 'No events' : `Event ${(current + 1).toLocaleString('en-US')} of ${count.toLocaleString('en-US')}`}
      </span>
      <span className="seq-keys muted" aria-hidden="true">
        ← → event · Shift+← → finding · Home End · + − zoom
      </span>
    </div>
  );
}
