import { useCallback, useEffect, useState } from 'react';
import { nameOf } from '../../api/types';
import { useChat } from '../../chat/ChatContext';
import { formatFull, formatListTime } from '../../chat/format';
import { useFiles, useFileLinks } from '../../files/FilesContext';
import type { RoomFile } from '../../files/filesApi';
import { formatSize, kindLabel } from '../../files/fileFormat';
import { describeError } from '../../realtime/describeError';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import styles from './RoomFiles.module.css';

const PAGE = 30;

/** How many files the loaded messages of a room carry: the list reloads when it changes. */
function useAttachmentCount(roomId: number): number {
  return useChat((s) => {
    let count = 0;
    for (const message of s.timelines[roomId]?.messages ?? []) count += message.deleted ? 0 : (message.attachments?.length ?? 0);
    return count;
  });
}

/** The files shared in a room, newest first, each with who sent it, when, and a download link. */
export function RoomFiles({ roomId }: { roomId: number }) {
  const { api } = useFiles();
  const [files, setFiles] = useState<RoomFile[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shared = useAttachmentCount(roomId);
  const links = useFileLinks(files ?? []);

  const load = useCallback(
    (before?: number) => {
      setError(null);
      api.roomFiles(roomId, { limit: PAGE, ...(before !== undefined ? { before } : {}) }).then(
        (page) => {
          setFiles((known) => (before === undefined ? page : [...(known ?? []), ...page]));
          setMore(page.length === PAGE);
        },
        (e: unknown) => setError(describeError(e)),
      );
    },
    [api, roomId],
  );

  useEffect(() => load(), [load, shared]);

  return (
    <section className={styles.section} aria-labelledby={`files-${roomId}`}>
      <h3 id={`files-${roomId}`} className={styles.title}>
        Files
      </h3>
      {error && (
        <p className={styles.note} role="alert">
          {error}{' '}
          <Button size="small" variant="secondary" onClick={() => load()}>
            Try again
          </Button>
        </p>
      )}
      {files && files.length === 0 && <p className={styles.note}>No files shared yet.</p>}
      {files && files.length > 0 && (
        <ul className={styles.list} data-testid="room-files">
          {files.map((file) => {
            const link = links.get(file.id);
            const sender = file.sender ? nameOf(file.sender) : 'Someone';
            return (
              <li key={file.id} className={styles.file}>
                <span className={styles.icon} aria-hidden="true">
                  <Icon name={file.kind} size={20} />
                </span>
                <span className={styles.text}>
                  <span className={styles.name} title={file.name}>
                    <span className="visually-hidden">{kindLabel(file.kind)}: </span>
                    {file.name}
                  </span>
                  <span className={styles.meta}>
                    {formatSize(file.size)} · {sender} ·{' '}
                    <time dateTime={new Date(file.sentAt).toISOString()} title={formatFull(file.sentAt)}>
                      {formatListTime(file.sentAt)}
                    </time>
                  </span>
                </span>
                {link ? (
                  <a className={styles.download} href={link.url} download={file.name} aria-label={`Download ${file.name}`}>
                    <Icon name="download" size={18} />
                  </a>
                ) : (
                  <span className={styles.download} aria-hidden="true">
                    <Icon name="download" size={18} />
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {more && files && (
        <Button size="small" variant="secondary" onClick={() => load(files.at(-1)?.seq)}>
          Show more files
        </Button>
      )}
    </section>
  );
}
