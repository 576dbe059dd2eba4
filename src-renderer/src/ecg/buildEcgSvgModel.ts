// Everything the SVG draws, as plain data: EcgViewer.vue only binds it, and tests assert geometry on it
// without a DOM. Coordinates are page millimetres; the SVG's viewBox is in mm and its width/height in
// CSS px (mm × cssPxPerMm), which is what makes the page physically true to scale.
import { calibrationPulse, calibrationPulsePath } from './calibrationPulse';
import { findLead, traceDurationS, type EcgTrace } from './ecgTrace';
import { gridLines, gridPath } from './gridLines';
import { layoutLeads, FOOTER_MM, type EcgLayout, type LeadPanel } from './layoutLeads';
import { paperScale, type Gain, type PaperScale, type PaperSpeed } from './paperScale';
import { svgNumber as n } from './svgNumber';
import { tracePath } from './tracePath';

export interface EcgViewSettings {
  layout: EcgLayout;
  paperSpeed: PaperSpeed;
  gain: Gain;
  cssPxPerMm: number;
  /** Record time at the page's left edge. */
  startS?: number;
}

export interface PanelModel extends LeadPanel {
  /** Path data in page mm; empty when the lead is missing. */
  path: string;
  label: { x: number; y: number; text: string };
  testId: string;
}

export interface EcgSvgModel {
  scale: PaperScale;
  widthMm: number;
  heightMm: number;
  widthPx: number;
  heightPx: number;
  viewBox: string;
  grid: { minorPath: string; majorPath: string };
  panels: PanelModel[];
  /** One per row, at the start of the row. */
  pulsePaths: string[];
  /** Short ticks where one lead's column ends and the next begins. */
  separatorPath: string;
  footer: { x: number; y: number; text: string };
  /** Record length and this page's length, for paging through long records. */
  recordDurationS: number;
  pageDurationS: number;
}

const LABEL_OFFSET_MM = 1.5;
const LABEL_FONT_MM = 3.5;

export function footerText(trace: EcgTrace, settings: EcgViewSettings): string {
  return [
    `${settings.paperSpeed} mm/s`,
    `${settings.gain} mm/mV`,
    `${trace.samplingRateHz} Hz`,
    'samples in µV, shown in mV',
    `filter: ${trace.filterInfo?.trim() || 'not stated'}`,
  ].join(' · ');
}

export function buildEcgSvgModel(trace: EcgTrace, settings: EcgViewSettings): EcgSvgModel {
  if (!(trace.samplingRateHz > 0)) throw new RangeError(`Sampling rate must be positive, got ${trace.samplingRateHz}`);
  const scale = paperScale({
    paperSpeedMmPerS: settings.paperSpeed,
    gainMmPerMv: settings.gain,
    cssPxPerMm: settings.cssPxPerMm,
  });
  const page = layoutLeads(trace, settings.layout, { scale, startS: settings.startS ?? 0 });
  const lines = gridLines(page.widthMm, page.heightMm);
  const pulse = calibrationPulse(scale.gainMmPerMv, scale.paperSpeedMmPerS);

  const panels = page.panels.map((panel): PanelModel => {
    const lead = findLead(trace, panel.lead);
    return {
      ...panel,
      path: lead
        ? tracePath(lead.samplesUv, trace.samplingRateHz, panel.window, scale, panel.baselineMm, panel.xMm)
        : '',
      label: {
        x: panel.xMm + LABEL_OFFSET_MM,
        y: panel.yMm + LABEL_OFFSET_MM + LABEL_FONT_MM,
        text: panel.lead,
      },
      testId: panel.kind === 'rhythm' ? `ecg-rhythm-${panel.lead}` : `ecg-lead-${panel.lead}`,
    };
  });

  const separatorPath = page.panels
    .filter((panel) => panel.column > 0)
    .map((panel) => `M${n(panel.xMm)} ${n(panel.baselineMm - 2.5)}V${n(panel.baselineMm + 2.5)}`)
    .join('');

  const pageDurationS = Math.max(...page.panels.map((panel) => panel.window.endS)) - (settings.startS ?? 0);

  return {
    scale,
    widthMm: page.widthMm,
    heightMm: page.heightMm,
    widthPx: page.widthMm * scale.cssPxPerMm,
    heightPx: page.heightMm * scale.cssPxPerMm,
    viewBox: `0 0 ${page.widthMm} ${page.heightMm}`,
    grid: {
      minorPath: gridPath(lines.verticalMinor, lines.horizontalMinor, page.widthMm, page.heightMm),
      majorPath: gridPath(lines.verticalMajor, lines.horizontalMajor, page.widthMm, page.heightMm),
    },
    panels,
    pulsePaths: page.rows.map((row) => calibrationPulsePath(pulse, 0, page.marginLeftMm, row.baselineMm)),
    separatorPath,
    footer: { x: page.marginLeftMm, y: page.heightMm - FOOTER_MM / 2 + 1, text: footerText(trace, settings) },
    recordDurationS: traceDurationS(trace),
    pageDurationS,
  };
}
