import { useRef, useState, type DragEvent } from 'react';
import { useFiles } from '../../files/FilesContext';
import { useTooManyFiles } from './useTooManyFiles';

function carriesFiles(event: DragEvent): boolean {
  return [...event.dataTransfer.types].includes('Files');
}

/** Files dropped anywhere on the conversation go with the next message; a frame shows where. */
export function useFileDrop(roomId: number) {
  const files = useFiles();
  const tooMany = useTooManyFiles();
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  return {
    over,
    handlers: {
      onDragEnter: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setOver(true);
      },
      onDragOver: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      },
      onDrop: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        const dropped = [...event.dataTransfer.files];
        if (dropped.length) tooMany(files.uploads.add(roomId, dropped));
      },
    },
  };
}
