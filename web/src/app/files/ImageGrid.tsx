import type { CSSProperties } from 'react';
import type { Attachment } from '../../chat/types';
import { gridColumns, singleImageBox, TILE } from '../../files/attachmentLayout';
import type { FileLink } from '../../files/signedLinks';
import { Icon } from '../../ui/Icon';
import { useLinkedSrc } from './useLinkedSrc';
import styles from './Attachments.module.css';

function Tile({ image, link, style, onOpen }: { image: Attachment; link: FileLink | undefined; style: CSSProperties; onOpen: () => void }) {
  const { src, broken, onError } = useLinkedSrc(image.id, link?.thumbnailUrl ?? link?.url);
  return (
    <button type="button" className={styles.tile} style={style} onClick={onOpen} aria-label={`Open ${image.name}`} data-testid="image-tile" data-preview={image.thumbnailUrl ? 'ready' : 'none'}>
      {src && !broken ? (
        <img className={styles.tileImage} src={src} alt={image.name} onError={onError} draggable={false} />
      ) : (
        <span className={styles.tilePlaceholder}>
          <Icon name="image" size={28} />
        </span>
      )}
    </button>
  );
}

/** A tile starts again when the image's preview appears, to show the preview instead. */
function tileKey(image: Attachment): string {
  return `${image.id}:${image.thumbnailUrl ? 'preview' : 'full'}`;
}

/**
 * A message's images. One image keeps its proportions within a fixed box; several become square
 * tiles in columns. Either way the space is reserved before anything loads, and the grid wraps
 * on narrow screens.
 */
export function ImageGrid({ images, links, onOpen }: { images: readonly Attachment[]; links: ReadonlyMap<string, FileLink>; onOpen: (index: number) => void }) {
  if (images.length === 1) {
    const image = images[0]!;
    const box = singleImageBox(image);
    const style: CSSProperties = { width: `min(${box.width}px, 100%)`, aspectRatio: `${box.width} / ${box.height}` };
    return (
      <div className={styles.single}>
        <Tile key={tileKey(image)} image={image} link={links.get(image.id)} style={style} onOpen={() => onOpen(0)} />
      </div>
    );
  }
  const columns = gridColumns(images.length);
  return (
    <div className={styles.grid} style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, ${TILE}px))` }}>
      {images.map((image, i) => (
        <Tile key={tileKey(image)} image={image} link={links.get(image.id)} style={{ aspectRatio: '1 / 1' }} onOpen={() => onOpen(i)} />
      ))}
    </div>
  );
}
