import { describe, expect, it } from 'vitest';
import { computeOffsets, indexAt, visibleRange } from './virtualRange';

describe('virtual range', () => {
  const heights = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? 80 : 40));
  const offsets = computeOffsets(heights);

  it('computes where each item starts', () => {
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBe(80);
    expect(offsets[3]).toBe(160);
    expect(offsets[10_000]).toBe(heights.reduce((a, b) => a + b, 0));
  });

  it('finds the item at a position', () => {
    expect(indexAt(offsets, 0)).toBe(0);
    expect(indexAt(offsets, 79)).toBe(0);
    expect(indexAt(offsets, 80)).toBe(1);
    expect(indexAt(offsets, 1e9)).toBe(9_999);
  });

  it('renders only what is near the viewport, even with 10,000 items', () => {
    const [start, end] = visibleRange(offsets, 200_000, 800, 400);
    expect(end - start).toBeLessThan(60);
    expect(offsets[start]!).toBeLessThanOrEqual(200_000 - 400);
    expect(offsets[end]!).toBeGreaterThanOrEqual(200_800 + 400);
  });

  it('handles the edges and an empty list', () => {
    expect(visibleRange(offsets, 0, 800, 400)[0]).toBe(0);
    expect(visibleRange(offsets, offsets[10_000]! - 800, 800, 400)[1]).toBe(10_000);
    expect(visibleRange(computeOffsets([]), 0, 800, 400)).toEqual([0, 0]);
  });
});
