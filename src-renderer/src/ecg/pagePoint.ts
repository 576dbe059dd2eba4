// Turns a pointer position into page mm, the panel under it, and that panel's time and voltage.
import type { LeadPanel } from './layoutLeads';
import { mmToMv, mmToSeconds, type PaperScale } from './paperScale';

export interface ClientRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Uses the SVG's on-screen box rather than cssPxPerMm, so it stays right if CSS ever scales the SVG. */
export function clientToPageMm(
  clientX: number,
  clientY: number,
  rect: ClientRect,
  pageWidthMm: number,
  pageHeightMm: number,
): { xMm: number; yMm: number } {
  return {
    xMm: ((clientX - rect.left) / rect.width) * pageWidthMm,
    yMm: ((clientY - rect.top) / rect.height) * pageHeightMm,
  };
}

/** Generic so callers holding richer panels (the SVG model's) get their own type back. */
export function panelAt<P extends LeadPanel>(panels: readonly P[], xMm: number, yMm: number): P | undefined {
  return panels.find(
    (p) => xMm >= p.xMm && xMm < p.xMm + p.widthMm && yMm >= p.yMm && yMm < p.yMm + p.heightMm,
  );
}

/** Record time (s) and voltage (mV) of a page point inside a panel. */
export function panelPointToSignal(
  panel: LeadPanel,
  xMm: number,
  yMm: number,
  scale: PaperScale,
): { tS: number; mv: number } {
  return {
    tS: panel.window.startS + mmToSeconds(scale, xMm - panel.xMm),
    mv: mmToMv(scale, panel.baselineMm - yMm),
  };
}
