/**
 * The colour scheme the page shows. An account chooses "system", "light" or "dark" (kept on the
 * server, so every device follows it); the page always shows a resolved one, light or dark, as
 * `data-theme` on the root element, where the palettes in theme.css and the CSS modules hang.
 * "System" follows the device's `prefers-color-scheme`, live.
 */
import type { ThemePreference } from '../api/types';

export type ColorScheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveScheme(preference: ThemePreference | undefined, systemDark: boolean): ColorScheme {
  if (preference === 'light' || preference === 'dark') return preference;
  return systemDark ? 'dark' : 'light';
}

function darkQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
}

let current: ThemePreference = 'system';
let following: MediaQueryList | null = null;

function paint(): void {
  const scheme = resolveScheme(current, darkQuery()?.matches ?? false);
  const root = document.documentElement;
  if (root.dataset.theme !== scheme) root.dataset.theme = scheme;
  root.style.colorScheme = scheme;
}

/** Shows `preference` now, and keeps following the device while it is "system". */
export function applyTheme(preference: ThemePreference | undefined): void {
  current = preference ?? 'system';
  const query = darkQuery();
  if (current === 'system' && query && following !== query) {
    query.addEventListener('change', paint);
    following = query;
  } else if (current !== 'system' && following) {
    following.removeEventListener('change', paint);
    following = null;
  }
  paint();
}
