import type { Page } from 'playwright-core';

export interface CanvasStats {
  width: number;
  height: number;
  /** Pixels brighter than near-black. */
  nonBlank: number;
  /** Dark pixels: mean of R, G and B below 50 (of 255), where a rendered volume lets the background through. */
  dark: number;
  /** Bounding box of the non-blank pixels (the drawn anatomy), in canvas pixels from the canvas's top left. */
  box: { x: number; y: number; width: number; height: number };
  /** Cheap fingerprint of the RGB values, to tell two frames apart. */
  checksum: number;
}

interface PageGlobals {
  document: {
    querySelector(selector: string): {
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
    } | null;
  };
}

/**
 * Reads back the pixels cornerstone drew. A stack viewport copies each WebGL frame onto a plain 2D
 * canvas in the viewport element, so getImageData sees exactly what the user sees.
 */
export function canvasStats(page: Page, selector = '[data-testid="viewport"] canvas'): Promise<CanvasStats> {
  return page.evaluate((selector) => {
    // Runs in the page, but is type-checked with the Node project (no DOM lib): name just what it uses.
    const { document } = globalThis as unknown as PageGlobals;
    const canvas = document.querySelector(selector);
    if (!canvas) throw new Error(`no canvas at ${selector}`);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('viewport canvas has no 2D context');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let nonBlank = 0;
    let dark = 0;
    let checksum = 0;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -1, -1];
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      if (r + g + b < 150) dark++;
      if (r + g + b > 24) {
        nonBlank++;
        const x = (i / 4) % canvas.width;
        const y = Math.floor(i / 4 / canvas.width);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      checksum = (checksum * 31 + r + 3 * g + 7 * b) >>> 0;
    }
    const box = { x: minX, y: minY, width: Math.max(0, maxX - minX + 1), height: Math.max(0, maxY - minY + 1) };
    return { width: canvas.width, height: canvas.height, nonBlank, dark, box, checksum };
  }, selector);
}

/**
 * Stats once two reads a second apart agree. A software-WebGL 3D frame takes seconds, so a drag meant to
 * change the picture must start from a settled one, or the frame still being drawn passes for the change.
 */
export async function settledCanvasStats(page: Page, selector: string): Promise<CanvasStats> {
  let last = await canvasStats(page, selector);
  for (;;) {
    await page.waitForTimeout(1_000);
    const next = await canvasStats(page, selector);
    if (next.checksum === last.checksum) return next;
    last = next;
  }
}
