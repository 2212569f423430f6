import { useEffect, useState } from 'react';
import { useDebounced } from './use-debounced';

export interface SearchText {
  readonly text: string;
  readonly setText: (text: string) => void;
  /** Applies the box now, as a new history entry (the Search button, Enter). */
  readonly submit: () => void;
}

/**
 * A search box edited locally and applied (`apply`, which writes the URL) once typing pauses, so history
 * is not one entry per key; `q` is the applied search, which the box follows on back and forward.
 */
export function useSearchText(q: string, apply: (q: string, replace: boolean) => void): SearchText {
  const [text, setText] = useState(q);
  const typed = useDebounced(text, 350);

  useEffect(() => {
    if (typed.trim() !== q.trim()) apply(typed, true);
    // Only a settled change of the box applies it; other changes of `q` come from the URL itself.
  }, [typed]);

  useEffect(() => {
    setText((current) => (current.trim() === q.trim() ? current : q));
  }, [q]);

  return { text, setText, submit: () => apply(text, false) };
}
