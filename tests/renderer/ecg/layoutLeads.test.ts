import { describe, expect, it } from 'vitest';
import { STANDARD_LEADS, type EcgTrace } from '../../../src-renderer/src/ecg/ecgTrace';
import { layoutLeads, TOP_MARGIN_MM, type LeadPanel } from '../../../src-renderer/src/ecg/layoutLeads';
import { paperScale } from '../../../src-renderer/src/ecg/paperScale';

function trace(names: readonly string[], seconds = 10, rate = 500): EcgTrace {
  return {
    leads: names.map((name) => ({ name, samplesUv: new Float32Array(seconds * rate) })),
    samplingRateHz: rate,
    units: 'uV',
  };
}

const scale = paperScale({ paperSpeedMmPerS: 25, gainMmPerMv: 10 });
const twelve = trace(STANDARD_LEADS);

function find(panels: LeadPanel[], lead: string, kind: LeadPanel['kind'] = 'lead'): LeadPanel {
  const panel = panels.find((p) => p.lead === lead && p.kind === kind);
  if (!panel) throw new Error(`no ${kind} panel for ${lead}`);
  return panel;
}

describe('layoutLeads 3×4 + II', () => {
  const page = layoutLeads(twelve, '3x4+II', { scale });

  it('puts aVL in row 2, column 2 at 2.5–5 s', () => {
    const aVL = find(page.panels, 'aVL');
    expect([aVL.row, aVL.column]).toEqual([1, 1]);
    expect(aVL.window).toEqual({ startS: 2.5, endS: 5 });
    expect(aVL.xMm).toBe(page.marginLeftMm + 62.5);
    expect(aVL.widthMm).toBe(62.5);
  });

  it('reads columns in time: I/II/III 0–2.5 s, aVR/aVL/aVF 2.5–5, V1–V3 5–7.5, V4–V6 7.5–10', () => {
    const columns = [0, 1, 2, 3].map((c) => page.panels.filter((p) => p.kind === 'lead' && p.column === c));
    expect(columns.map((col) => col.map((p) => p.lead))).toEqual([
      ['I', 'II', 'III'],
      ['aVR', 'aVL', 'aVF'],
      ['V1', 'V2', 'V3'],
      ['V4', 'V5', 'V6'],
    ]);
    expect(columns.map((col) => col[0]?.window.startS)).toEqual([0, 2.5, 5, 7.5]);
  });

  it('adds a full-width 10 s lead II rhythm strip as the fourth row', () => {
    const strip = find(page.panels, 'II', 'rhythm');
    expect(strip.window).toEqual({ startS: 0, endS: 10 });
    expect(strip.row).toBe(3);
    expect(strip.xMm).toBe(page.marginLeftMm);
    expect(strip.widthMm).toBe(250);
    expect(page.rows).toHaveLength(4);
  });

  it('lays the page out in whole mm with traces starting on a major grid line', () => {
    expect(page.marginLeftMm % 5).toBe(0);
    expect(page.widthMm).toBe(page.marginLeftMm + 250);
    expect(page.rows.every((row) => row.baselineMm % 5 === 0)).toBe(true);
    expect(page.rows[0]?.yMm).toBe(TOP_MARGIN_MM);
  });

  it('halves the page width at 12.5 mm/s and doubles it at 50 mm/s', () => {
    const slow = layoutLeads(twelve, '3x4+II', { scale: paperScale({ paperSpeedMmPerS: 12.5, gainMmPerMv: 10 }) });
    const fast = layoutLeads(twelve, '3x4+II', { scale: paperScale({ paperSpeedMmPerS: 50, gainMmPerMv: 10 }) });
    expect(find(slow.panels, 'aVL').widthMm).toBe(31.25);
    expect(find(fast.panels, 'II', 'rhythm').widthMm).toBe(500);
  });

  it('keeps missing leads as empty labelled panels', () => {
    const partial = layoutLeads(trace(['I', 'II', 'V1']), '3x4+II', { scale });
    expect(partial.panels).toHaveLength(13);
    expect(find(partial.panels, 'aVL').present).toBe(false);
    expect(find(partial.panels, 'V1').present).toBe(true);
  });

  it('pages through long records from startS', () => {
    const later = layoutLeads(twelve, '3x4+II', { scale, startS: 10 });
    expect(find(later.panels, 'aVL').window).toEqual({ startS: 12.5, endS: 15 });
  });
});

describe('layoutLeads 6×2 and 12×1', () => {
  it('6×2: limb leads 0–5 s on the left, chest leads 5–10 s on the right', () => {
    const page = layoutLeads(twelve, '6x2', { scale });
    expect(find(page.panels, 'aVF').window).toEqual({ startS: 0, endS: 5 });
    expect([find(page.panels, 'V6').row, find(page.panels, 'V6').column]).toEqual([5, 1]);
    expect(find(page.panels, 'V6').window).toEqual({ startS: 5, endS: 10 });
    expect(page.panels).toHaveLength(12);
  });

  it('12×1: one 10 s row per standard lead, extras after', () => {
    const page = layoutLeads(trace([...STANDARD_LEADS, 'V4R']), '12x1', { scale });
    expect(page.panels.map((p) => p.lead)).toEqual([...STANDARD_LEADS, 'V4R']);
    expect(page.panels.every((p) => p.window.startS === 0 && p.window.endS === 10 && p.widthMm === 250)).toBe(true);
  });

  it('a 2-lead Holter record shows its own leads in 12×1 and MLII as the rhythm strip', () => {
    const holter = trace(['MLII', 'V5'], 30, 360);
    expect(layoutLeads(holter, '12x1', { scale }).panels.map((p) => p.lead)).toEqual(['MLII', 'V5']);
    const strip = layoutLeads(holter, '3x4+II', { scale }).panels.find((p) => p.kind === 'rhythm');
    expect(strip?.lead).toBe('MLII');
    expect(strip?.present).toBe(true);
  });
});
