/**
 * A progress bar `width` cells wide: filled to `fraction`, or, when the model reports no
 * progress (null), a block that sweeps back and forth as `tick` grows.
 */
export function barText(fraction: number | null, width: number, tick = 0): string {
  const cells = Math.max(1, width);
  if (fraction !== null) {
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * cells);
    return '█'.repeat(filled) + '░'.repeat(cells - filled);
  }
  const block = Math.min(3, cells);
  const span = cells - block;
  const step = span === 0 ? 0 : tick % (2 * span);
  const at = step <= span ? step : 2 * span - step;
  return '░'.repeat(at) + '█'.repeat(block) + '░'.repeat(span - at);
}
