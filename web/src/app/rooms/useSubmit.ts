/**
 * The submit, busy and error of a dialog's form: `run` marks the form busy and clears the last
 * error, then runs the task; a failure is shown as the error and frees the form again. On
 * success the form stays busy, since the task closes the dialog.
 */
import { useState } from 'react';
import { describeError } from '../../realtime/describeError';

export interface Submit {
  busy: boolean;
  error: string | null;
  /** Shows an error found before anything was sent (a form check). */
  setError(error: string | null): void;
  run(task: () => Promise<void>): Promise<void>;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
