import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import styles from './Popover.module.css';

interface PopoverProps {
  /** The control it belongs to; it is placed next to it and focus returns to it. */
  anchor: HTMLElement;
  onClose: () => void;
  children: ReactNode;
  label: string;
  role?: 'menu' | 'dialog';
}

/**
 * A small floating panel next to a control, above everything else (so a scrolling list cannot
 * clip it). Closes on Escape, on a press outside, and when the page scrolls or resizes.
 */
export function Popover({ anchor, onClose, children, label, role = 'dialog' }: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useLayoutEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const a = anchor.getBoundingClientRect();
    const p = panel.getBoundingClientRect();
    const margin = 8;
    const below = a.bottom + 6;
    const top = below + p.height + margin <= window.innerHeight ? below : Math.max(margin, a.top - p.height - 6);
    const left = Math.min(Math.max(margin, a.right - p.width), window.innerWidth - p.width - margin);
    setPosition({ top, left });
  }, [anchor]);

  useEffect(() => {
    const panel = ref.current;
    const first = panel?.querySelector<HTMLElement>('button, [tabindex="0"]');
    first?.focus({ preventScroll: true });
    const close = () => onCloseRef.current();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel?.contains(target) && !anchor.contains(target)) close();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        close();
        anchor.focus({ preventScroll: true });
      }
    };
    const onScroll = (event: Event) => {
      if (!panel?.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    window.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
      window.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', close);
    };
  }, [anchor]);

  /** Arrow keys, Home and End move between the panel's buttons (menu items, emoji). */
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled)')];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
    let next: number | null = null;
    if (step !== undefined) next = (at + step + buttons.length) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    if (next === null || buttons.length === 0) return;
    event.preventDefault();
    buttons[next]?.focus();
  };

  return createPortal(
    <div
      ref={ref}
      className={styles.popover}
      role={role}
      aria-label={label}
      onKeyDown={onKeyDown}
      style={position ? { top: position.top, left: position.left } : { top: -9999, left: -9999 }}
    >
      {children}
    </div>,
    document.body,
  );
}
