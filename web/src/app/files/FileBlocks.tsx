import type { Attachment } from '../../chat/types';
import { videoAspect } from '../../files/attachmentLayout';
import { formatSize, kindLabel } from '../../files/fileFormat';
import type { FileLink } from '../../files/signedLinks';
import { Icon } from '../../ui/Icon';
import { useLinkedSrc } from './useLinkedSrc';
import styles from './Attachments.module.css';

interface BlockProps {
  attachment: Attachment;
  link: FileLink | undefined;
}

/** "Download" for a file, once its signed link is known. */
function DownloadLink({ attachment, link }: BlockProps) {
  if (!link) return <span className={styles.pendingLink}>Download</span>;
  return (
    <a className={styles.download} href={link.url} download={attachment.name} aria-label={`Download ${attachment.name}`}>
      <Icon name="download" size={16} />
      <span>Download</span>
    </a>
  );
}

function Caption({ attachment, link }: BlockProps) {
  return (
    <div className={styles.caption}>
      <span className={styles.fileName} title={attachment.name}>
        {attachment.name}
      </span>
      <span className={styles.fileSize}>{formatSize(attachment.size)}</span>
      <DownloadLink attachment={attachment} link={link} />
    </div>
  );
}

/** A video in the browser's own player; seeking asks the server for byte ranges. */
export function VideoAttachment({ attachment, link }: BlockProps) {
  const { src, onError } = useLinkedSrc(attachment.id, link?.url);
  return (
    <figure className={styles.media}>
      <video
        className={styles.video}
        style={{ aspectRatio: videoAspect(attachment) }}
        controls
        preload="metadata"
        src={src}
        onError={onError}
        aria-label={attachment.name}
        data-testid="attachment-video"
      />
      <Caption attachment={attachment} link={link} />
    </figure>
  );
}

export function AudioAttachment({ attachment, link }: BlockProps) {
  const { src, onError } = useLinkedSrc(attachment.id, link?.url);
  return (
    <figure className={`${styles.media} ${styles.audioBlock}`}>
      <Caption attachment={attachment} link={link} />
      <audio className={styles.audio} controls preload="metadata" src={src} onError={onError} aria-label={attachment.name} data-testid="attachment-audio" />
    </figure>
  );
}

/** A PDF: its first page (the server's preview) and links to open or save it. */
export function PdfAttachment({ attachment, link }: BlockProps) {
  const { src, broken, onError } = useLinkedSrc(attachment.id, link?.thumbnailUrl);
  return (
    <div className={styles.pdf} data-testid="attachment-pdf">
      {link ? (
        <a className={styles.pdfPreview} href={link.url} target="_blank" rel="noopener noreferrer" aria-label={`Open ${attachment.name}`}>
          {src && !broken ? <img src={src} alt="" onError={onError} /> : <Icon name="pdf" size={36} />}
        </a>
      ) : (
        <span className={styles.pdfPreview}>
          <Icon name="pdf" size={36} />
        </span>
      )}
      <Caption attachment={attachment} link={link} />
    </div>
  );
}

/** Any other file: its type, name and size, and "Download". */
export function FileCard({ attachment, link }: BlockProps) {
  return (
    <div className={styles.card} data-testid="attachment-file">
      <span className={styles.cardIcon} aria-hidden="true">
        <Icon name={attachment.kind} size={22} />
      </span>
      <span className="visually-hidden">{kindLabel(attachment.kind)}: </span>
      <Caption attachment={attachment} link={link} />
    </div>
  );
}
