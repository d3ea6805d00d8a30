/**
 * Binds ← / → , Shift+← / Shift+→ , Home and End to the playhead, and the screen's letter
 * keys to their actions, while focus is in the sequence screen or nowhere in particular (the
 * page body). Keys typed into form controls and the raw-record text keep their usual meaning.
 */
import { useEffect, type RefObject } from 'react';
import { keyToCommand, type StepCommand } from '../../../shared/view/stepping.js';

function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, select, textarea, pre, [data-own-keys]') !== null;
}

/** True when a key press belongs to the sequence screen: focus is in it, or nowhere in particular. */
function isScreenKey(root: RefObject<HTMLElement | null>, e: KeyboardEvent): boolean {
  const el = root.current;
  if (el === null || e.defaultPrevented || ownsKeys(e.target)) return false;
  const inside = e.target instanceof Node && el.contains(e.target);
  return inside || e.target === document.body || e.target === document.documentElement;
}

export function useStepKeys(root: RefObject<HTMLElement | null>, onStep: (command: StepCommand) => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      if (!isScreenKey(root, e)) return;
      const command = keyToCommand(e);
      if (command === null) return;
      e.preventDefault();
      onStep(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root, onStep, enabled]);
}

/** One plain letter key (no modifiers) bound to an action of the screen, e.g. X to select. */
export function useLetterKey(root: RefObject<HTMLElement | null>, letter: string, action: (() => void) | undefined): void {
  useEffect(() => {
    if (action === undefined) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key.toLowerCase() !== letter || e.ctrlKey || e.metaKey || e.altKey || !isScreenKey(root, e)) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root, letter, action]);
}
