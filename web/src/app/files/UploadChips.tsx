import { useId } from 'react';
import { useFiles } from '../../files/FilesContext';
import { formatSize } from '../../files/fileFormat';
import type { UploadChip } from '../../files/uploadsState';
import { Icon } from '../../ui/Icon';
import styles from './UploadChips.module.css';

function percent(chip: UploadChip): number {
  return chip.size === 0 ? 100 : Math.floor((chip.sent / chip.size) * 100);
}

function Chip({ chip }: { chip: UploadChip }) {
  const { uploads } = useFiles();
  const nameId = useId();
  const errorId = useId();
  const busy = chip.status === 'uploading' || chip.status === 'waiting';
  return (
    <li className={`${styles.chip} ${chip.status === 'failed' ? styles.failed : ''}`} data-testid="upload-chip" data-status={chip.status}>
      <span className={styles.thumb} aria-hidden="true">
        {chip.previewUrl ? <img src={chip.previewUrl} alt="" /> : <Icon name={chip.kind} size={22} />}
      </span>
      <span className={styles.text}>
        <span id={nameId} className={styles.name} title={chip.name}>
          {chip.name}
        </span>
        <span className={styles.status}>
          {chip.status === 'done' && formatSize(chip.size)}
          {chip.status === 'checking' && formatSize(chip.size)}
          {chip.status === 'waiting' && 'Waiting…'}
          {chip.status === 'uploading' && `${percent(chip)}% of ${formatSize(chip.size)}`}
          {chip.status === 'resumable' && 'Not finished last time'}
          {chip.status === 'failed' && (
            <span id={errorId} className={styles.error} role="alert">
              {chip.error}
            </span>
          )}
        </span>
        {busy && (
          <span
            className={styles.bar}
            role="progressbar"
            aria-label={`Uploading ${chip.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent(chip)}
          >
            <span className={styles.fill} style={{ width: `${percent(chip)}%` }} />
          </span>
        )}
        {chip.status === 'resumable' && (
          <span className={styles.actions}>
            <button type="button" className={styles.link} onClick={() => uploads.resume(chip.key)}>
              Resume upload of {chip.name}
            </button>
            <button type="button" className={styles.link} onClick={() => uploads.startOver(chip.key)} aria-describedby={nameId}>
              Start over
            </button>
          </span>
        )}
        {chip.status === 'failed' && (
          <span className={styles.actions}>
            <button type="button" className={styles.link} onClick={() => uploads.retry(chip.key)} aria-describedby={`${nameId} ${errorId}`}>
              Retry
            </button>
          </span>
        )}
      </span>
      {busy && (
        <button type="button" className={styles.icon} onClick={() => uploads.cancel(chip.key)} aria-label={`Cancel upload of ${chip.name}`} title="Cancel upload">
          <Icon name="stop" size={16} />
        </button>
      )}
      <button type="button" className={styles.icon} onClick={() => uploads.remove(chip.key)} aria-label={`Remove ${chip.name}`} title="Remove">
        <Icon name="close" size={16} />
      </button>
    </li>
  );
}

/** The files going with the next message, in a row that scrolls sideways on narrow screens. */
export function UploadChips({ chips }: { chips: readonly UploadChip[] }) {
  if (chips.length === 0) return null;
  return (
    <ul className={styles.chips} aria-label="Files to send">
      {chips.map((chip) => (
        <Chip key={chip.key} chip={chip} />
      ))}
    </ul>
  );
}
