/** The arithmetic of a windowed list: where each item starts and which items are on screen. */

/** offsets[i] is where item i starts; offsets[n] is the total height. */
export function computeOffsets(heights: readonly number[]): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i += 1) offsets[i + 1] = offsets[i]! + heights[i]!;
  return offsets;
}

/** The first index whose item ends after `y` (binary search). */
export function indexAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, Math.max(0, n - 1));
}

/**
 * The items to render for a viewport from `top` to `top + height` (in list coordinates), plus
 * `overscan` pixels either side: [start, end).
 */
export function visibleRange(offsets: Float64Array, top: number, height: number, overscan: number): [number, number] {
  const n = offsets.length - 1;
  if (n <= 0) return [0, 0];
  const start = indexAt(offsets, Math.max(0, top - overscan));
  const end = indexAt(offsets, top + height + overscan) + 1;
  return [start, Math.min(n, Math.max(end, start + 1))];
}
