/**
 * Binds ← / → , Shift+← / Shift+→ , Home and End to the playhead while focus is in the
 * sequence screen or nowhere in particular (the page body). Keys typed into form controls
 * and the raw-record text keep their usual meaning.
 */
import { useEffect, type RefObject } from 'react';
import { keyToCommand, type StepCommand } from '../../../shared/view/sequence.js';

function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, select, textarea, pre, [data-own-keys]') !== null;
}

export function useStepKeys(root: RefObject<HTMLElement | null>, onStep: (command: StepCommand) => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      const el = root.current;
      if (el === null || e.defaultPrevented || ownsKeys(e.target)) return;
      const inside = e.target instanceof Node && el.contains(e.target);
      if (!inside && e.target !== document.body && e.target !== document.documentElement) return;
      const command = keyToCommand(e);
      if (command === null) return;
      e.preventDefault();
      onStep(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root, onStep, enabled]);
}
