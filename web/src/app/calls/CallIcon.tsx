/** The call controls' line icons, on the same 24-unit grid as the app's other icons. Decorative. */
const PATHS = {
  phone: 'M5 4h3.5l1.5 4.5-2 1.5a11 11 0 0 0 6 6l1.5-2 4.5 1.5V19a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  hangUp: 'M3.5 14.5c4.7-4.7 12.3-4.7 17 0l-1.8 2.3-3.4-1.3-.3-2.4a9 9 0 0 0-6 0l-.3 2.4-3.4 1.3z',
  video: 'M4 7.5A1.5 1.5 0 0 1 5.5 6h9A1.5 1.5 0 0 1 16 7.5v9a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 4 16.5zM16 10.5l5-3v9l-5-3',
  videoOff: 'M3 3l18 18M9 6h5.5A1.5 1.5 0 0 1 16 7.5V13M16 10.5l5-3v9l-3-1.8M14.5 18h-9A1.5 1.5 0 0 1 4 16.5v-9c0-.6.3-1.1.8-1.3',
  mic: 'M12 3a3 3 0 0 1 3 3v5a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zM6 11a6 6 0 0 0 12 0M12 17v4',
  micOff: 'M3 3l18 18M15 10V6a3 3 0 0 0-5.8-1M9 9v2a3 3 0 0 0 4.6 2.5M6 11a6 6 0 0 0 9.5 4.9M18 11a6 6 0 0 1-.5 2.4M12 17v4',
  screen: 'M3.5 5.5A1.5 1.5 0 0 1 5 4h14a1.5 1.5 0 0 1 1.5 1.5v10A1.5 1.5 0 0 1 19 17H5a1.5 1.5 0 0 1-1.5-1.5zM8.5 21h7M12 17v4M12 13.5v-6M9.5 10 12 7.5l2.5 2.5',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4',
  minimize: 'M4 14h6v6M20 10h-6V4M14 10l7-7M3 21l7-7',
  expand: 'M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7',
} as const;

export type CallIconName = keyof typeof PATHS;

export function CallIcon({ name, size = 20 }: { name: CallIconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
