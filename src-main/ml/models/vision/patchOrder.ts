/**
 * The row order of `pixel_values` that Qwen2-VL's image processor produces and the vision graph
 * assumes: frame by frame, merge window by merge window (row-major over windows), and inside each
 * merge×merge window row-major. Keeping each window contiguous lets the merger fold 4 consecutive rows
 * into one token with a plain reshape.
 *
 * Returns `order` with `order[i]` = raster index `t·H·W + row·W + col` of the patch that goes to row i.
 */
export function patchOrder(gridT: number, gridH: number, gridW: number, merge: number): Int32Array {
  if (gridH % merge !== 0 || gridW % merge !== 0) {
    throw new Error(`patchOrder: grid ${gridH}×${gridW} is not a multiple of the merge size ${merge}`);
  }
  const order = new Int32Array(gridT * gridH * gridW);
  let i = 0;
  for (let t = 0; t < gridT; t++) {
    for (let unitRow = 0; unitRow < gridH / merge; unitRow++) {
      for (let unitCol = 0; unitCol < gridW / merge; unitCol++) {
        for (let dr = 0; dr < merge; dr++) {
          for (let dc = 0; dc < merge; dc++) {
            const row = unitRow * merge + dr;
            const col = unitCol * merge + dc;
            order[i++] = (t * gridH + row) * gridW + col;
          }
        }
      }
    }
  }
  return order;
}

/** LLM tokens one image or video yields: t·h·w / merge². */
export function visionTokenCount(gridT: number, gridH: number, gridW: number, merge: number): number {
  return (gridT * gridH * gridW) / (merge * merge);
}
