import { describe, expect, it } from 'vitest';
import { MAX_TOASTS, withToast, type ToastItem } from './Toast';

const note = (id: number, text: string, kind: ToastItem['kind'] = 'info'): ToastItem => ({ id, text, kind });

describe('the toast stack', () => {
  it('keeps only the newest few', () => {
    let list: ToastItem[] = [];
    for (let i = 1; i <= 6; i += 1) list = withToast(list, note(i, `note ${i}`));
    expect(list.map((t) => t.id)).toEqual([4, 5, 6]);
    expect(list).toHaveLength(MAX_TOASTS);
  });

  it('replaces a repeat of the same note instead of piling it up', () => {
    let list: ToastItem[] = [];
    for (let i = 1; i <= 5; i += 1) list = withToast(list, note(i, 'Couldn’t send', 'error'));
    expect(list.map((t) => t.id)).toEqual([5]);
    list = withToast(list, note(6, 'Copied'));
    list = withToast(list, note(7, 'Couldn’t send', 'error'));
    expect(list.map((t) => t.text)).toEqual(['Copied', 'Couldn’t send']);
  });
});
