import { describe, expect, it } from 'vitest';
import { buildEcgSvgModel, type EcgViewSettings } from '../../../src-renderer/src/ecg/buildEcgSvgModel';
import { STANDARD_LEADS, type EcgTrace } from '../../../src-renderer/src/ecg/ecgTrace';
import { clientToPageMm, panelAt, panelPointToSignal } from '../../../src-renderer/src/ecg/pagePoint';
import { pathPoints } from './pathPoints';

// 10 s at 500 Hz; each lead a 1 mV square wave so heights are easy to read off the paths.
const trace: EcgTrace = {
  leads: STANDARD_LEADS.filter((name) => name !== 'V3').map((name) => ({
    name,
    samplesUv: Array.from({ length: 5000 }, (_, i) => (Math.floor(i / 250) % 2 === 0 ? 0 : 1000)),
  })),
  samplingRateHz: 500,
  filterInfo: '0.05–150 Hz',
  units: 'uV',
};

const standard: EcgViewSettings = { layout: '3x4+II', paperSpeed: 25, gain: 10, cssPxPerMm: 4 };

describe('buildEcgSvgModel', () => {
  const model = buildEcgSvgModel(trace, standard);

  it('sizes the SVG in CSS px as mm × cssPxPerMm with a viewBox in mm', () => {
    expect(model.widthMm).toBe(260);
    expect(model.widthPx).toBe(260 * 4);
    expect(model.heightPx).toBe(model.heightMm * 4);
    expect(model.viewBox).toBe(`0 0 260 ${model.heightMm}`);
  });

  it('draws one 10 mm calibration pulse per row', () => {
    expect(model.pulsePaths).toHaveLength(4);
    for (const d of model.pulsePaths) {
      const ys = pathPoints(d).map((p) => p.y);
      expect(Math.max(...ys) - Math.min(...ys)).toBe(10);
    }
  });

  it('doubles trace amplitude at gain 20', () => {
    const height = (gain: 10 | 20): number => {
      const panel = buildEcgSvgModel(trace, { ...standard, gain }).panels.find((p) => p.testId === 'ecg-lead-aVL');
      const ys = pathPoints(panel?.path ?? '').map((p) => p.y);
      return Math.max(...ys) - Math.min(...ys);
    };
    expect(height(10)).toBe(10);
    expect(height(20)).toBe(20);
  });

  it('labels every panel, leaves a missing lead empty, and gives test ids', () => {
    const v3 = model.panels.find((p) => p.lead === 'V3');
    expect(v3?.present).toBe(false);
    expect(v3?.path).toBe('');
    expect(v3?.label.text).toBe('V3');
    expect(model.panels.map((p) => p.testId)).toContain('ecg-rhythm-II');
    expect(model.panels.filter((p) => p.testId === 'ecg-lead-II')).toHaveLength(1);
  });

  it('states speed, gain, units and filter in the footer', () => {
    expect(model.footer.text).toBe('25 mm/s · 10 mm/mV · 500 Hz · samples in µV, shown in mV · filter: 0.05–150 Hz');
  });

  it('maps a click back to the lead panel, record time and voltage', () => {
    const aVL = model.panels.find((p) => p.testId === 'ecg-lead-aVL');
    if (!aVL) throw new Error('no aVL');
    // A click 25 mm right of aVL's start and 10 mm above its baseline, on an SVG drawn at 4 px/mm.
    const rect = { left: 100, top: 50, width: model.widthPx, height: model.heightPx };
    const { xMm, yMm } = clientToPageMm(100 + (aVL.xMm + 25) * 4, 50 + (aVL.baselineMm - 10) * 4, rect, model.widthMm, model.heightMm);
    expect(panelAt(model.panels, xMm, yMm)?.testId).toBe('ecg-lead-aVL');
    const signal = panelPointToSignal(aVL, xMm, yMm, model.scale);
    expect(signal.tS).toBeCloseTo(3.5, 9);
    expect(signal.mv).toBeCloseTo(1, 9);
    expect(panelAt(model.panels, 1, 1)).toBeUndefined();
  });

  it('refuses a trace without a usable sampling rate', () => {
    expect(() => buildEcgSvgModel({ ...trace, samplingRateHz: 0 }, standard)).toThrow(RangeError);
  });
});
