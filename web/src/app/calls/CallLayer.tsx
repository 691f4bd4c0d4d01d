import { useEffect } from 'react';
import { useCalls } from '../../calls/CallContext';
import { formatDuration } from '../../calls/types';
import { useToast } from '../../ui/Toast';
import { CallView } from './CallView';
import { IncomingCall } from './IncomingCall';

const ENDED_TEXT = { completed: 'Call ended', missed: 'No answer', declined: 'Call declined', failed: 'The call failed' } as const;

/** Over the app: the ringing banner, the call screen when it is open, and a note when a call ends. */
export function CallLayer() {
  const session = useCalls((s) => (s.session?.view === 'full' ? s.session : null));
  const ended = useCalls((s) => s.lastEnded);
  const toast = useToast();

  useEffect(() => {
    if (!ended) return;
    const duration = ended.reason === 'completed' && ended.durationMs ? `, ${formatDuration(ended.durationMs)}` : '';
    toast(`${ENDED_TEXT[ended.reason] ?? 'Call ended'}${duration}`);
  }, [ended, toast]);

  return (
    <>
      <IncomingCall />
      {session && <CallView session={session} />}
    </>
  );
}
