import { useEffect, useRef } from 'react';
import type { PeerStatus, QualityLevel } from '../../calls/callState';
import { Avatar } from '../../ui/Avatar';
import { CallIcon } from './CallIcon';
import styles from './Calls.module.css';

export interface TileProps {
  name: string;
  deviceId: string;
  stream: MediaStream | null;
  /** This device's own preview: silent and mirrored. */
  local?: boolean;
  muted: boolean;
  showVideo: boolean;
  speaking: boolean;
  peer?: PeerStatus | undefined;
  /** Where the audio plays (`setSinkId`), '' for the default. */
  sinkId?: string;
  /** The shared screen is not mirrored. */
  sharing?: boolean;
}

const QUALITY_TEXT: Record<QualityLevel, string> = { good: 'good', fair: 'fair', poor: 'poor', unknown: 'measuring' };

/** One participant: their video (or initials), name, muted badge and connection quality. */
export function CallTile({ name, deviceId, stream, local = false, muted, showVideo, speaking, peer, sinkId = '', sharing = false }: TileProps) {
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    if (stream) element.play().catch(() => undefined);
  }, [stream, showVideo]);

  useEffect(() => {
    const element = video.current as (HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (!element || local || !element.setSinkId) return;
    element.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId, local]);

  const connecting = peer && peer.connection !== 'connected';
  const quality = peer?.quality ?? 'unknown';
  return (
    <figure
      className={`${styles.tile} ${speaking ? styles.speaking : ''}`}
      data-testid="call-tile"
      data-device={deviceId}
      data-local={local || undefined}
      data-speaking={speaking || undefined}
      data-muted={muted || undefined}
      aria-label={`${name}${muted ? ', muted' : ''}${speaking ? ', speaking' : ''}`}
    >
      <video
        ref={video}
        className={`${styles.video} ${showVideo ? '' : styles.videoHidden} ${local && !sharing ? styles.mirrored : ''}`}
        autoPlay
        playsInline
        muted={local}
      />
      {!showVideo && (
        <span className={styles.tileAvatar}>
          <Avatar name={name} size={72} />
        </span>
      )}
      <figcaption className={styles.tileCaption}>
        {muted && (
          <span className={styles.mutedBadge} role="img" aria-label="Muted" data-testid="muted-badge">
            <CallIcon name="micOff" size={14} />
          </span>
        )}
        <span className={styles.tileName}>{name}</span>
        {peer && (
          <span
            className={`${styles.quality} ${styles[`q_${quality}`]}`}
            role="img"
            aria-label={connecting ? `Connection: ${peer.connection}` : `Connection: ${QUALITY_TEXT[quality]}`}
            title={peer.rttMs !== null ? `Round trip ${Math.round(peer.rttMs)} ms, loss ${Math.round((peer.loss ?? 0) * 100)} %` : undefined}
            data-testid="connection-quality"
            data-quality={connecting ? peer.connection : quality}
          >
            <span />
            <span />
            <span />
          </span>
        )}
      </figcaption>
    </figure>
  );
}
