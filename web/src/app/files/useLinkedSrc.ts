import { useRef, useState } from 'react';
import { useFiles } from '../../files/FilesContext';

/** Tries a broken link again this many times (each with a fresh link) before giving up. */
const MAX_RETRIES = 2;

/**
 * The address an element loads a file from, kept while the element lives: a newer signed link
 * does not reload an image already shown or restart a video. When loading fails the link is
 * dropped and the next one taken, a couple of times, then `broken` is true.
 */
export function useLinkedSrc(fileId: string, candidate: string | undefined): { src: string | undefined; broken: boolean; onError: () => void } {
  const { links } = useFiles();
  const [src, setSrc] = useState(candidate);
  const [broken, setBroken] = useState(false);
  const retries = useRef(0);
  const failedSrc = useRef<string | undefined>(undefined);
  if (src === undefined && candidate !== undefined && candidate !== failedSrc.current && !broken) setSrc(candidate);
  const onError = () => {
    failedSrc.current = src;
    links.forget(fileId);
    links.want([{ id: fileId, thumbnail: false }]);
    if (retries.current >= MAX_RETRIES) {
      setBroken(true);
      return;
    }
    retries.current += 1;
    setSrc(undefined);
  };
  return { src, broken, onError };
}
