import { useEffect, useRef, type KeyboardEvent, type SyntheticEvent } from 'react';
import type { Attachment } from '../../chat/types';
import { stepIndex } from '../../files/attachmentLayout';
import { formatSize } from '../../files/fileFormat';
import type { FileLink } from '../../files/signedLinks';
import { Icon } from '../../ui/Icon';
import styles from './ImageViewer.module.css';

interface ImageViewerProps {
  images: readonly Attachment[];
  links: ReadonlyMap<string, FileLink>;
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

/**
 * A message's images at full size, filling the screen: "Previous" and "Next" (and the arrow keys)
 * step through them, Escape or "Close" leaves, "Download" saves the one shown. A modal <dialog>,
 * so focus stays inside and returns where it was.
 */
export function ImageViewer({ images, links, index, onIndex, onClose }: ImageViewerProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const image = images[index]!;
  const link = links.get(image.id);
  const previous = stepIndex(index, images.length, -1);
  const next = stepIndex(index, images.length, 1);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (focused?.isConnected) focused.focus({ preventScroll: true });
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'ArrowLeft' && previous !== null) onIndex(previous);
    else if (event.key === 'ArrowRight' && next !== null) onIndex(next);
  };
  // The viewer sits inside its message in the React tree: presses and holds on it are its own,
  // not the message's (which would open the message's actions).
  const keep = (event: SyntheticEvent) => event.stopPropagation();

  return (
    <dialog
      ref={ref}
      className={styles.viewer}
      aria-label={`Image ${index + 1} of ${images.length}: ${image.name}`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      onPointerDown={keep}
      onPointerMove={keep}
      onPointerUp={keep}
      onTouchEnd={keep}
      onContextMenu={keep}
      onClick={keep}
      data-testid="image-viewer"
    >
      <header className={styles.bar}>
        <span className={styles.title}>
          <span className={styles.name}>{image.name}</span>
          <span className={styles.sub}>
            {images.length > 1 ? `${index + 1} of ${images.length} · ` : ''}
            {formatSize(image.size)}
          </span>
        </span>
        {link ? (
          <a className={styles.action} href={link.url} download={image.name}>
            <Icon name="download" size={20} />
            <span>Download</span>
          </a>
        ) : null}
        <button type="button" className={styles.action} onClick={onClose} aria-label="Close">
          <Icon name="close" size={20} />
        </button>
      </header>
      <div
        className={styles.stage}
        onClick={(event) => {
          if (event.target === event.currentTarget) onClose();
        }}
      >
        {link ? (
          <img key={image.id} className={styles.image} src={link.url} alt={image.name} data-testid="viewer-image" />
        ) : (
          <span className={styles.loading} role="status">
            Loading…
          </span>
        )}
      </div>
      {images.length > 1 && (
        <>
          <button
            type="button"
            className={`${styles.step} ${styles.previous}`}
            onClick={() => previous !== null && onIndex(previous)}
            disabled={previous === null}
            aria-label="Previous"
          >
            <Icon name="back" size={26} />
          </button>
          <button
            type="button"
            className={`${styles.step} ${styles.next}`}
            onClick={() => next !== null && onIndex(next)}
            disabled={next === null}
            aria-label="Next"
          >
            <Icon name="next" size={26} />
          </button>
        </>
      )}
    </dialog>
  );
}
