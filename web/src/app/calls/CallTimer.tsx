import { useEffect, useState } from 'react';
import { formatDuration } from '../../calls/types';

/** Time since `since` (ms), "m:ss", ticking every second; nothing before it is known. */
export function CallTimer({ since, className }: { since: number | null; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (since === null) return null;
  return (
    <span className={className} data-testid="call-timer" role="timer" aria-label="Call duration">
      {formatDuration(now - since)}
    </span>
  );
}
