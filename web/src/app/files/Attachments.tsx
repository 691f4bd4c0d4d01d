import { useState } from 'react';
import type { Attachment } from '../../chat/types';
import { layoutAttachments } from '../../files/attachmentLayout';
import { useFileLinks } from '../../files/FilesContext';
import { AudioAttachment, FileCard, PdfAttachment, VideoAttachment } from './FileBlocks';
import { ImageGrid } from './ImageGrid';
import { ImageViewer } from './ImageViewer';
import styles from './Attachments.module.css';

/**
 * A message's files: images as a grid that opens a viewer, video and audio in native players,
 * PDFs with a first-page preview, other files as cards. Everything loads through signed links
 * fetched for the files on screen. File names are only ever text.
 */
export function Attachments({ attachments, out }: { attachments: readonly Attachment[]; out: boolean }) {
  const links = useFileLinks(attachments);
  const [viewing, setViewing] = useState<number | null>(null);
  const blocks = layoutAttachments(attachments);
  return (
    <div className={`${styles.attachments} ${out ? styles.out : ''}`} data-testid="attachments">
      {blocks.map((block) => {
        switch (block.kind) {
          case 'images':
            return (
              <div key="images">
                <ImageGrid images={block.images} links={links} onOpen={setViewing} />
                {viewing !== null && (
                  <ImageViewer images={block.images} links={links} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} />
                )}
              </div>
            );
          case 'video':
            return <VideoAttachment key={block.attachment.id} attachment={block.attachment} link={links.get(block.attachment.id)} />;
          case 'audio':
            return <AudioAttachment key={block.attachment.id} attachment={block.attachment} link={links.get(block.attachment.id)} />;
          case 'pdf':
            return <PdfAttachment key={block.attachment.id} attachment={block.attachment} link={links.get(block.attachment.id)} />;
          case 'file':
            return <FileCard key={block.attachment.id} attachment={block.attachment} link={links.get(block.attachment.id)} />;
        }
      })}
    </div>
  );
}
