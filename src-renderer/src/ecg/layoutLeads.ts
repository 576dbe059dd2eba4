// Where each lead goes on the page. Layouts are data (which lead in which column, how long a column is);
// one function turns them into panels with time windows and mm positions for any paper speed.
import { findLead, LIMB_LEADS, STANDARD_LEADS, type EcgTrace } from './ecgTrace';
import type { PaperScale } from './paperScale';
import { calibrationPulse } from './calibrationPulse';

export type EcgLayout = '3x4+II' | '6x2' | '12x1';

export const ECG_LAYOUTS: readonly EcgLayout[] = ['3x4+II', '6x2', '12x1'];

interface LayoutSpec {
  /** Leads top to bottom in each column; columns follow each other in time. */
  columns: readonly (readonly string[])[] | 'one-per-lead';
  columnDurationS: number;
  /** A full-width strip of one lead under the grid, covering every column's time. */
  rhythmStrip: boolean;
  // Rows are a fixed paper height, like a printed ECG: a lower gain is how a reader stops tall QRS
  // complexes running into the next row, which would not work if rows grew and shrank with gain.
  rowHeightMm: number;
  /** Baseline below the row's top; a multiple of 5 mm so 0 mV sits on a major grid line. */
  baselineFromTopMm: number;
}

const LAYOUT_SPECS: Record<EcgLayout, LayoutSpec> = {
  '3x4+II': {
    columns: [
      ['I', 'II', 'III'],
      ['aVR', 'aVL', 'aVF'],
      ['V1', 'V2', 'V3'],
      ['V4', 'V5', 'V6'],
    ],
    columnDurationS: 2.5,
    rhythmStrip: true,
    rowHeightMm: 30,
    baselineFromTopMm: 20,
  },
  '6x2': {
    columns: [
      ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'],
      ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'],
    ],
    columnDurationS: 5,
    rhythmStrip: false,
    rowHeightMm: 25,
    baselineFromTopMm: 15,
  },
  '12x1': { columns: 'one-per-lead', columnDurationS: 10, rhythmStrip: false, rowHeightMm: 20, baselineFromTopMm: 10 },
};

/** Space above the first row, so its positive deflections and labels stay on the page. */
export const TOP_MARGIN_MM = 5;
/** Space under the last row for the settings and filter text. */
export const FOOTER_MM = 10;

export interface LeadPanel {
  /** The lead's name; the label drawn even when the trace lacks the lead. */
  lead: string;
  /** False when the trace has no such lead: the panel stays empty but labelled. */
  present: boolean;
  kind: 'lead' | 'rhythm';
  row: number;
  column: number;
  window: { startS: number; endS: number };
  /** Top-left corner and size on the page, mm; xMm is where window.startS is drawn. */
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
  /** y of 0 mV, mm. */
  baselineMm: number;
}

export interface PageLayout {
  widthMm: number;
  heightMm: number;
  /** Left margin holding each row's calibration pulse; the traces start at its right edge. */
  marginLeftMm: number;
  rows: { yMm: number; baselineMm: number }[];
  panels: LeadPanel[];
}

export interface LayoutOptions {
  scale: PaperScale;
  /** Record time at the page's left edge, for records longer than one page (Holter). */
  startS?: number;
  /** Lead of the rhythm strip; defaults to II, or MLII (modified lead II of Holter records) without II. */
  rhythmLead?: string;
}

/** Page columns for a one-row-per-lead layout. */
function oneLeadPerRow(trace: EcgTrace): string[] {
  // A 12-lead record shows all 12 rows, missing ones empty; a record without limb leads (a 2-lead
  // Holter: MLII, V5) shows just its own leads instead of ten empty rows.
  const isTwelveLead = trace.leads.some((lead) => LIMB_LEADS.includes(lead.name));
  if (!isTwelveLead) return trace.leads.map((lead) => lead.name);
  const standard: readonly string[] = STANDARD_LEADS;
  const extras = trace.leads.map((lead) => lead.name).filter((name) => !standard.includes(name));
  return [...STANDARD_LEADS, ...extras];
}

function defaultRhythmLead(trace: EcgTrace): string {
  return !findLead(trace, 'II') && findLead(trace, 'MLII') ? 'MLII' : 'II';
}

/** Left margin fitting the pulse with 0.1 s either side, rounded up to 5 mm so traces start on a major line. */
function leftMarginMm(scale: PaperScale): number {
  const pulse = calibrationPulse(scale.gainMmPerMv, scale.paperSpeedMmPerS);
  return Math.ceil((pulse.widthMm + 0.2 * scale.paperSpeedMmPerS) / 5) * 5;
}

export function layoutLeads(trace: EcgTrace, layout: EcgLayout, opts: LayoutOptions): PageLayout {
  const spec = LAYOUT_SPECS[layout];
  const { scale } = opts;
  const startS = opts.startS ?? 0;
  const columns = spec.columns === 'one-per-lead' ? [oneLeadPerRow(trace)] : spec.columns;
  const columnWidthMm = spec.columnDurationS * scale.paperSpeedMmPerS;
  const marginLeftMm = leftMarginMm(scale);
  const gridRows = Math.max(0, ...columns.map((column) => column.length));
  const rowCount = gridRows + (spec.rhythmStrip ? 1 : 0);

  const rows = Array.from({ length: rowCount }, (_, row) => {
    const yMm = TOP_MARGIN_MM + row * spec.rowHeightMm;
    return { yMm, baselineMm: yMm + spec.baselineFromTopMm };
  });

  const panel = (lead: string, kind: LeadPanel['kind'], row: number, column: number, columnsSpanned: number): LeadPanel => {
    const place = rows[row] as { yMm: number; baselineMm: number };
    const windowStart = startS + column * spec.columnDurationS;
    return {
      lead,
      present: findLead(trace, lead) !== undefined,
      kind,
      row,
      column,
      window: { startS: windowStart, endS: windowStart + columnsSpanned * spec.columnDurationS },
      xMm: marginLeftMm + column * columnWidthMm,
      yMm: place.yMm,
      widthMm: columnsSpanned * columnWidthMm,
      heightMm: spec.rowHeightMm,
      baselineMm: place.baselineMm,
    };
  };

  const panels = columns.flatMap((leads, column) => leads.map((lead, row) => panel(lead, 'lead', row, column, 1)));
  if (spec.rhythmStrip) {
    panels.push(panel(opts.rhythmLead ?? defaultRhythmLead(trace), 'rhythm', gridRows, 0, columns.length));
  }

  return {
    widthMm: Math.ceil(marginLeftMm + columns.length * columnWidthMm),
    heightMm: TOP_MARGIN_MM + rowCount * spec.rowHeightMm + FOOTER_MM,
    marginLeftMm,
    rows,
    panels,
  };
}
