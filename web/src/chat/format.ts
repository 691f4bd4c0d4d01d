/** Dates and times as a chat shows them, in the reader's locale and time zone. */

const DAY_MS = 86_400_000;

function startOfDay(time: number): number {
  const d = new Date(time);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** A key that is equal for two times on the same local calendar day. */
export function dayKey(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function sameDay(a: number, b: number): boolean {
  return dayKey(a) === dayKey(b);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const shortWeekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dateYearFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
const longDateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
const longDateYearFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

export function formatTime(time: number): string {
  return timeFormat.format(time);
}

export function formatFull(time: number): string {
  return fullFormat.format(time);
}

/** A day separator: "Today", "Yesterday", "Monday, March 3", with the year when it is not this one. */
export function formatDay(time: number, now: number = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(time)) / DAY_MS);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? longDateFormat : longDateYearFormat).format(time);
}

/** A room list timestamp: the time today, the weekday this week, else the date. */
export function formatListTime(time: number, now: number = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(time)) / DAY_MS);
  if (days === 0) return formatTime(time);
  if (days === 1) return 'Yesterday';
  if (days < 7) return shortWeekdayFormat.format(time);
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? dateFormat : dateYearFormat).format(time);
}

/** "last seen 5 minutes ago" style wording for presence. */
export function formatLastSeen(time: number | null, now: number = Date.now()): string {
  if (time === null) return 'Offline';
  const minutes = Math.floor((now - time) / 60_000);
  if (minutes < 1) return 'Last seen just now';
  if (minutes < 60) return `Last seen ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24 && sameDay(time, now)) return `Last seen today at ${formatTime(time)}`;
  if (hours < 48) return `Last seen yesterday at ${formatTime(time)}`;
  return `Last seen ${weekdayFormat.format(time)}, ${dateFormat.format(time)}`;
}
