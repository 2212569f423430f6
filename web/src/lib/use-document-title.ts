import { useEffect } from 'react';

/** Browser tabs and history show which part of the console a tab holds. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Bulwark`;
  }, [title]);
}
