import {
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type HTMLAttributes,
  type ReactNode,
  type Ref,
} from 'react';
import { computeOffsets, visibleRange } from './virtualRange';
import styles from './VirtualList.module.css';

export interface VirtualListHandle {
  /** Scrolls to the end and keeps following new items. */
  scrollToBottom(): void;
  /** Brings an item into view; `center` for jumping to a message, `start` for the unread line. */
  scrollToKey(key: string, align?: 'center' | 'start'): void;
  /** Focuses the scrolling region. */
  focus(): void;
}

export interface ScrollInfo {
  atBottom: boolean;
  /** Within a screen or so of the first item. */
  nearTop: boolean;
  /** Within a screen or so of the last item. */
  nearBottom: boolean;
}

interface VirtualListProps<T> extends Omit<HTMLAttributes<HTMLDivElement>, 'onScroll'> {
  items: readonly T[];
  itemKey: (item: T) => string;
  estimateHeight: (item: T) => number;
  renderItem: (item: T) => ReactNode;
  /** Above the first item (a spinner while older items load, or the start of the history). */
  header?: ReactNode;
  /** Below the last item (receipts, typing). */
  footer?: ReactNode;
  onScrollInfo?: (info: ScrollInfo) => void;
  /** Where to start: the end (default) or an item. */
  initialKey?: { key: string; align: 'center' | 'start' } | null;
  /**
   * Whether the end of the list is the live end: only then does a reader at the bottom keep
   * following new items (a window of older history just grows below the reader).
   */
  follow?: boolean;
  handle?: Ref<VirtualListHandle>;
}

const OVERSCAN_PX = 800;
const BOTTOM_SLACK_PX = 24;
const NEAR_PX = 1200;

interface Request {
  key: string;
  align: 'center' | 'start';
  passes: number;
}

/**
 * A list that renders only the items near the viewport, for histories of any length. Heights are
 * measured as items render and estimated otherwise. It keeps what the reader is looking at still
 * while items are added above or change size (anchoring on the first visible item), and follows
 * new items at the end while the reader is at the bottom.
 */
export function VirtualList<T>({
  items,
  itemKey,
  estimateHeight,
  renderItem,
  header,
  footer,
  onScrollInfo,
  initialKey = null,
  follow = true,
  handle,
  className,
  ...rest
}: VirtualListProps<T>) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const windowRef = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const [version, setVersion] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const stick = useRef(initialKey === null && follow);
  const followRef = useRef(follow);
  followRef.current = follow;
  const anchor = useRef<{ key: string; top: number }[]>([]);
  const request = useRef<Request | null>(initialKey ? { ...initialKey, passes: 0 } : null);
  const info = useRef<ScrollInfo>({ atBottom: stick.current, nearTop: false, nearBottom: true });
  const onScrollInfoRef = useRef(onScrollInfo);
  onScrollInfoRef.current = onScrollInfo;

  const keys = useMemo(() => items.map(itemKey), [items, itemKey]);
  const keyIndex = useMemo(() => {
    const map = new Map<string, number>();
    keys.forEach((key, i) => map.set(key, i));
    return map;
  }, [keys]);
  const offsets = useMemo(() => {
    const known = heights.current;
    return computeOffsets(items.map((item, i) => known.get(keys[i]!) ?? estimateHeight(item)));
  }, [items, keys, estimateHeight, version]); // `version` changes when measured heights change
  const [start, end] = visibleRange(offsets, viewport.top, viewport.height, OVERSCAN_PX);

  const listTop = () => listRef.current?.offsetTop ?? 0;

  /**
   * Remembers the first few visible items and where they are, to keep the view still through
   * changes; several, because the first may itself move or go (a separator, a deleted item).
   */
  const recordAnchor = useCallback(() => {
    const scroller = scrollerRef.current;
    const rows = windowRef.current?.children;
    if (!scroller || !rows) return;
    const viewTop = scroller.getBoundingClientRect().top;
    const found: { key: string; top: number }[] = [];
    for (const row of rows) {
      const rect = row.getBoundingClientRect();
      if (rect.bottom > viewTop + 1) found.push({ key: (row as HTMLElement).dataset.key ?? '', top: rect.top - viewTop });
      if (found.length === 4) break;
    }
    anchor.current = found;
  }, []);

  const report = useCallback(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    const next: ScrollInfo = {
      atBottom: fromBottom <= BOTTOM_SLACK_PX,
      nearTop: scroller.scrollTop - listTop() < NEAR_PX,
      nearBottom: fromBottom < NEAR_PX,
    };
    const previous = info.current;
    if (previous.atBottom !== next.atBottom || previous.nearTop !== next.nearTop || previous.nearBottom !== next.nearBottom) {
      info.current = next;
      onScrollInfoRef.current?.(next);
    }
  }, []);

  const updateViewport = useCallback(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const top = scroller.scrollTop - listTop();
    const height = scroller.clientHeight;
    setViewport((v) => (Math.abs(v.top - top) < 1 && v.height === height ? v : { top, height }));
  }, []);

  const onScroll = useCallback(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    stick.current = followRef.current && fromBottom <= BOTTOM_SLACK_PX && request.current === null;
    recordAnchor();
    updateViewport();
    report();
  }, [recordAnchor, report, updateViewport]);

  // After every render: measure what rendered, then put the scroll position where it belongs.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    const rows = windowRef.current?.children;
    if (!scroller || !rows) return;
    let changed = false;
    for (const row of rows) {
      const key = (row as HTMLElement).dataset.key ?? '';
      const height = row.getBoundingClientRect().height;
      if (Math.abs((heights.current.get(key) ?? -1) - height) > 0.5) {
        heights.current.set(key, height);
        changed = true;
      }
    }

    const pending = request.current;
    if (pending) {
      const index = keyIndex.get(pending.key);
      if (index === undefined || pending.passes > 4) {
        request.current = null;
      } else {
        pending.passes += 1;
        const row = [...rows].find((r) => (r as HTMLElement).dataset.key === pending.key);
        if (row && !changed) {
          const rect = row.getBoundingClientRect();
          const view = scroller.getBoundingClientRect();
          const delta = pending.align === 'center' ? rect.top - view.top - (view.height - rect.height) / 2 : rect.top - view.top - 8;
          scroller.scrollTop += delta;
          request.current = null;
        } else {
          const y = listTop() + offsets[index]!;
          scroller.scrollTop = pending.align === 'center' ? y - scroller.clientHeight / 2 : y - 8;
        }
        // Landing at the very end (the target was near it) means following what comes next.
        const fromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
        stick.current = request.current === null && followRef.current && fromBottom <= BOTTOM_SLACK_PX;
      }
    } else if (stick.current) {
      scroller.scrollTop = scroller.scrollHeight;
    } else {
      const rendered = new Map([...rows].map((r) => [(r as HTMLElement).dataset.key ?? '', r]));
      const target = anchor.current.find((a) => rendered.has(a.key));
      const row = target && rendered.get(target.key);
      if (target && row) {
        const top = row.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
        const delta = top - target.top;
        if (Math.abs(delta) > 0.5) scroller.scrollTop += delta;
      } else {
        // The anchor moved out of the rendered window (many items arrived above it): go to where
        // the offsets put it; the next pass renders it and corrects to the pixel.
        const moved = anchor.current.find((a) => keyIndex.has(a.key));
        if (moved) scroller.scrollTop = listTop() + offsets[keyIndex.get(moved.key)!]! - moved.top;
      }
    }

    if (changed || request.current) {
      setVersion((v) => v + 1);
    } else {
      recordAnchor();
    }
    updateViewport();
    report();
  });

  // Size changes that do not come from a render (viewport resized, keyboard shown, fonts).
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    const list = windowRef.current;
    if (!scroller || !list || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setVersion((v) => v + 1));
    observer.observe(scroller);
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  useImperativeHandle(
    handle,
    () => ({
      scrollToBottom: () => {
        request.current = null;
        stick.current = true;
        const scroller = scrollerRef.current;
        if (scroller) scroller.scrollTop = scroller.scrollHeight;
        setVersion((v) => v + 1);
      },
      scrollToKey: (key, align = 'center') => {
        request.current = { key, align, passes: 0 };
        stick.current = false;
        setVersion((v) => v + 1);
      },
      focus: () => scrollerRef.current?.focus({ preventScroll: true }),
    }),
    [],
  );

  const total = offsets[items.length] ?? 0;
  const windowTop = offsets[start] ?? 0;
  return (
    <div {...rest} ref={scrollerRef} className={`${styles.scroller} ${className ?? ''}`} onScroll={onScroll}>
      <div className={styles.spacer} />
      {header}
      <div ref={listRef} className={styles.list} style={{ height: total }}>
        <div ref={windowRef} className={styles.window} style={{ transform: `translateY(${windowTop}px)` }}>
          {items.slice(start, end).map((item, i) => (
            <div key={keys[start + i]} data-key={keys[start + i]} className={styles.row}>
              {renderItem(item)}
            </div>
          ))}
        </div>
      </div>
      {footer}
    </div>
  );
}
