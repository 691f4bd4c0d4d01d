import { useEffect } from 'react';

/** Sets the tab title to "<page> · Parley", or just "Parley". */
export function useDocumentTitle(page?: string): void {
  useEffect(() => {
    document.title = page ? `${page} · Parley` : 'Parley';
  }, [page]);
}
