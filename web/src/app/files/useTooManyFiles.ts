import { useCallback } from 'react';
import { MAX_FILES_PER_MESSAGE } from '../../files/UploadsStore';
import { useToast } from '../../ui/Toast';

/** Says so when files were left out of a message that already has as many as it can take. */
export function useTooManyFiles(): (leftOut: number) => void {
  const toast = useToast();
  return useCallback(
    (leftOut: number) => {
      if (leftOut > 0) toast(`A message can take ${MAX_FILES_PER_MESSAGE} files; ${leftOut} ${leftOut === 1 ? 'was' : 'were'} left out.`, 'error');
    },
    [toast],
  );
}
