/**
 * Binds ← / → , Shift+← / Shift+→ , Home and End to the playhead, and the screen's letter
 * keys to their actions, whenever the sequence screen is shown. Keys typed into form controls
 * and the raw-record text keep their usual meaning.
 */
import { useEffect, type RefObject } from 'react';
import { keyToCommand, type StepCommand } from '../../../shared/view/stepping.js';

/** Inputs that are pressed or ticked, not typed into: arrows and letters mean nothing to them. */
const PRESSED_INPUTS = new Set(['checkbox', 'button', 'submit', 'reset', 'file', 'color']);

function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement && PRESSED_INPUTS.has(target.type)) return false;
  return target.closest('input, select, textarea, pre, [data-own-keys]') !== null;
}

/**
 * True when a key press belongs to the sequence screen: the screen is shown and focus is not in
 * a text field or another control that reads keys itself. Focus left on a button (after saving
 * an annotation, say) or anywhere else on the page does not take the keys away.
 */
function isScreenKey(root: RefObject<HTMLElement | null>, e: KeyboardEvent): boolean {
  const el = root.current;
  if (el === null || e.defaultPrevented || ownsKeys(e.target)) return false;
  // A screen kept mounted but hidden (KeptMounted) has no layout box.
  return el.isConnected && el.getClientRects().length > 0;
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
