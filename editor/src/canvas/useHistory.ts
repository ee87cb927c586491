import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Undo and redo over snapshots of the editor (at most 100 back): `remember` before a change,
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y outside text fields. `current` must always return the latest;
 * `onChange` is told of every change, undo and redo (the editor then compares with what is saved).
 */
export function useHistory<S>(current: () => S, restore: (snapshot: S) => void, onChange: () => void) {
  const past = useRef<S[]>([]);
  const future = useRef<S[]>([]);
  const [, setTick] = useState(0);

  const remember = useCallback(() => {
    past.current.push(structuredClone(current()));
    if (past.current.length > 100) past.current.shift();
    future.current = [];
    setTick((t) => t + 1);
    onChange();
  }, [current, onChange]);
  const step = useCallback((from: React.RefObject<S[]>, to: React.RefObject<S[]>) => {
    const snapshot = from.current.pop();
    if (snapshot === undefined) return;
    to.current.push(structuredClone(current()));
    restore(snapshot);
    setTick((t) => t + 1);
    onChange();
  }, [current, restore, onChange]);
  const undo = useCallback(() => step(past, future), [step]);
  const redo = useCallback(() => step(future, past), [step]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, [contenteditable]')) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) redo(); else undo();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  return { remember, undo, redo, canUndo: past.current.length > 0, canRedo: future.current.length > 0 };
}
