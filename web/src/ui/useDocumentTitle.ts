import { useEffect } from 'react';

let page: string | undefined;
let unread = 0;

function apply(): void {
  const base = page ? `${page} · Parley` : 'Parley';
  document.title = unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${base}` : base;
}

/** The unread count shown in front of the tab title, e.g. "(3) Bob · Parley". */
export function setUnreadInTitle(count: number): void {
  if (count === unread) return;
  unread = count;
  apply();
}

/** Sets the tab title to "<page> · Parley", or just "Parley". */
export function useDocumentTitle(title?: string): void {
  useEffect(() => {
    page = title;
    apply();
  }, [title]);
}
