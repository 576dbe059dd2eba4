// End to end: the BUILT renderer's ECG reader in Debian's Chromium, served by the loopback browser host
// over a temporary store holding a DICOM 12-lead ECG and MIT-BIH record 100 (WFDB). Checks what a reader
// would check with a ruler: the page layouts (3×4 + rhythm, 6×2, 12×1), the 1 mV pulse at the configured
// screen scale, gain and paper speed, the amplitude caliper on that pulse, and an RR interval caliper
// against R peaks found here from the raw samples.
// Screenshots go to test-results/e2e/ecg-*.png.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';
import { sharedData } from '../helpers/sharedData';
import { findRPeaks, readBeatAnnotations, readFormat212 } from './wfdbReference';

const screenshots = screenshotsDir;
const TWELVE_LEAD = sharedData('ecg', 'dicom', 'Example_12lead.dcm');
const WFDB_100 = ['100.hea', '100.dat'].map((f) => sharedData('ecg', 'wfdb', f));
const WFDB_100_FS = 360;
const STANDARD_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
/** CSS's nominal 96 px per inch, the viewer's default screen scale. */
const DEFAULT_PX_PER_MM = 96 / 25.4;
/** One small box at 25 mm/s. */
const SMALL_BOX_MS = 40;

let ws: OpenWorkstation;
let page: Page;
let pageErrors: string[] = [];

const viewer = () => page.locator('.ecg-viewer');
const svg = () => viewer().locator('svg[aria-label="Electrocardiogram"]');
const readout = () => page.getByTestId('ecg-caliper-readout').innerText();

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element not laid out');
  return b;
}

/** Opens a study from the list by its visible text and waits for its ECG page to be drawn. */
async function openEcgStudy(text: string): Promise<void> {
  await page.locator('.list li', { hasText: text }).first().click();
  await expect.poll(() => svg().count(), { timeout: 20_000 }).toBe(1);
}

/**
 * Pulse heights in CSS px, stroke centre to stroke centre (what a ruler on the screen measures).
 * Chromium's bounding box includes the stroke, and the strokes are non-scaling (screen px), so the box
 * is one stroke width taller than the drawn geometry.
 */
async function pulseHeights(): Promise<number[]> {
  const pulses = page.getByTestId('ecg-calibration-pulse');
  const heights: number[] = [];
  for (let i = 0; i < (await pulses.count()); i++) {
    const pulse = pulses.nth(i);
    expect(await pulse.getAttribute('vector-effect')).toBe('non-scaling-stroke');
    const stroke = Number(await pulse.getAttribute('stroke-width'));
    expect(stroke).toBeGreaterThan(0);
    heights.push((await box(pulse)).height - stroke);
  }
  return heights;
}

const shot = (name: string) => svg().screenshot({ path: path.join(screenshots, `ecg-${name}.png`) });

beforeAll(async () => {
  ws = await openWorkstation({
    name: 'ecg',
    paths: [TWELVE_LEAD, ...WFDB_100],
  });
  ({ page, pageErrors } = ws);
  expect(ws.importReport.countsByKind).toMatchObject({ 'dicom:waveform': 1, 'ecg:wfdb': 1 });
}, 120_000);

afterAll(() => ws?.close());

describe('ECG reader in the built app', () => {
  it('draws the 12-lead DICOM ECG as 3×4 + rhythm strip with a 10 mm calibration pulse', async () => {
    await openEcgStudy('Clark');
    expect(await page.getByTestId('ecg-layout').inputValue()).toBe('3x4+II');
    for (const lead of STANDARD_LEADS) {
      await expect.poll(() => page.getByTestId(`ecg-lead-${lead}`).getAttribute('data-present')).toBe('true');
      // Each lead draws a real trace (path data), not just its label.
      expect((await page.getByTestId(`ecg-lead-${lead}`).locator('path').getAttribute('d'))?.length ?? 0).toBeGreaterThan(200);
    }
    expect(await page.locator('[data-testid^="ecg-lead-"]').count()).toBe(12);
    expect(await page.getByTestId('ecg-rhythm-II').getAttribute('data-present')).toBe('true');
    expect(await page.locator('[data-testid^="ecg-rhythm-"]').count()).toBe(1);

    // 1 mV at 10 mm/mV: 10 mm, i.e. 10 × cssPxPerMm CSS px on screen; one pulse per row (3 + rhythm).
    const heights = await pulseHeights();
    expect(heights).toHaveLength(4);
    for (const h of heights) expect(h).toBeCloseTo(10 * DEFAULT_PX_PER_MM, 0);
    // The rhythm strip spans the four 2.5 s columns: 10 s at 25 mm/s = 250 mm.
    expect((await box(page.getByTestId('ecg-rhythm-II'))).width).toBeCloseTo(250 * DEFAULT_PX_PER_MM, -1);
    await page.screenshot({ path: path.join(screenshots, 'ecg-01-page.png'), fullPage: true });
    await shot('02-12lead-25mms-10mmmV');
    expect(pageErrors).toEqual([]);
  });

  it('doubles the pulse at 20 mm/mV and the width of a second at 50 mm/s', async () => {
    const columnOffset = async () =>
      (await box(page.getByTestId('ecg-lead-aVR'))).x - (await box(page.getByTestId('ecg-lead-I'))).x;
    const at25 = { offset: await columnOffset(), rhythm: (await box(page.getByTestId('ecg-rhythm-II'))).width };
    // aVR's column starts 2.5 s after lead I's: 62.5 mm at 25 mm/s.
    expect(at25.offset).toBeCloseTo(62.5 * DEFAULT_PX_PER_MM, 0);

    await page.getByTestId('ecg-gain').selectOption('20');
    await expect.poll(async () => (await pulseHeights())[0]).toBeCloseTo(20 * DEFAULT_PX_PER_MM, 0);
    for (const h of await pulseHeights()) expect(h).toBeCloseTo(20 * DEFAULT_PX_PER_MM, 0);
    await shot('03-12lead-gain-20mmmV');

    await page.getByTestId('ecg-gain').selectOption('10');
    await page.getByTestId('ecg-speed').selectOption('50');
    await expect.poll(columnOffset).toBeCloseTo(2 * at25.offset, 0);
    expect((await box(page.getByTestId('ecg-rhythm-II'))).width).toBeCloseTo(2 * at25.rhythm, -1);
    // Gain untouched: the pulse is still 10 mm tall.
    for (const h of await pulseHeights()) expect(h).toBeCloseTo(10 * DEFAULT_PX_PER_MM, 0);
    await shot('04-12lead-50mms');
    await page.getByTestId('ecg-speed').selectOption('25');
    expect(pageErrors).toEqual([]);
  });

  it('rearranges the leads as 6×2 and 12×1', async () => {
    /** Top-left corner of each lead's label on screen, in CSS px. */
    const labelAt = async (lead: string) => box(page.getByTestId(`ecg-lead-${lead}`).locator('text.label'));
    const near = (a: number, b: number) => Math.abs(a - b) < 1;
    const distinct = (values: number[]) => values.filter((v, i) => values.findIndex((w) => near(w, v)) === i).length;

    // 6×2: limb leads I…aVF down the first column, chest leads V1…V6 down the second, which starts
    // 5 s later (10 s over two columns) = 125 mm at 25 mm/s; no rhythm strip.
    await page.getByTestId('ecg-layout').selectOption('6x2');
    await expect.poll(() => page.locator('[data-testid^="ecg-rhythm-"]').count()).toBe(0);
    expect(await page.locator('[data-testid^="ecg-lead-"]').count()).toBe(12);
    const at6x2 = await Promise.all(STANDARD_LEADS.map(labelAt));
    const [limb, chest] = [at6x2.slice(0, 6), at6x2.slice(6)];
    expect(distinct(at6x2.map((b) => b.x))).toBe(2);
    expect(distinct(at6x2.map((b) => b.y))).toBe(6);
    for (let row = 0; row < 6; row++) {
      const [l, c] = [limb[row] as (typeof at6x2)[number], chest[row] as (typeof at6x2)[number]];
      expect(c.x - l.x).toBeCloseTo(125 * DEFAULT_PX_PER_MM, 0);
      expect(near(c.y, l.y)).toBe(true);
      if (row > 0) expect(l.y).toBeGreaterThan((limb[row - 1] as (typeof at6x2)[number]).y);
    }
    await shot('05-12lead-6x2');

    // 12×1: one lead per row, in the standard order, each row 10 s = 250 mm of trace.
    await page.getByTestId('ecg-layout').selectOption('12x1');
    await expect.poll(async () => distinct((await Promise.all(STANDARD_LEADS.map(labelAt))).map((b) => b.y))).toBe(12);
    const at12x1 = await Promise.all(STANDARD_LEADS.map(labelAt));
    expect(distinct(at12x1.map((b) => b.x))).toBe(1);
    at12x1.slice(1).forEach((b, i) => expect(b.y).toBeGreaterThan((at12x1[i] as (typeof at12x1)[number]).y));
    for (const lead of ['I', 'V6']) {
      expect((await box(page.getByTestId(`ecg-lead-${lead}`).locator('path'))).width).toBeCloseTo(250 * DEFAULT_PX_PER_MM, -1);
    }
    expect(await page.locator('[data-testid^="ecg-rhythm-"]').count()).toBe(0);
    await shot('06-12lead-12x1');

    await page.getByTestId('ecg-layout').selectOption('3x4+II');
    await expect.poll(() => page.locator('[data-testid^="ecg-rhythm-"]').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('reads the 1 mV calibration pulse as ±1 mV with the amplitude caliper at 10 and 5 mm/mV', async () => {
    await page.getByTestId('ecg-caliper-amplitude').click();
    await expect.poll(readout).toMatch(/Click the reference level/);
    // The pulse of the first row stands on that row's baseline; measure its foot and top inside lead I's
    // panel, just right of the pulse (the pulse itself sits in the margin, outside any lead).
    // Read fresh before every click: focusing the ECG may scroll the page.
    const edges = async () => {
      const pulse = page.getByTestId('ecg-calibration-pulse').first();
      const stroke = Number(await pulse.getAttribute('stroke-width'));
      const b = await box(pulse);
      return { x: (await box(page.getByTestId('ecg-lead-I'))).x + 20, top: b.y + stroke / 2, foot: b.y + b.height - stroke / 2 };
    };
    // 1 CSS px of clicking error is 1/cssPxPerMm mm = 0.026 mV at 10 mm/mV.
    const tolerance = (gain: number) => 1 / (DEFAULT_PX_PER_MM * gain) + 0.005;
    // Not 20 mm/mV: there the pulse's top is exactly the row's upper edge (20 mm above the baseline),
    // where a click may fall on the row above.
    for (const gain of [10, 5]) {
      await page.getByTestId('ecg-gain').selectOption(String(gain));
      await expect.poll(async () => (await pulseHeights())[0]).toBeCloseTo(gain * DEFAULT_PX_PER_MM, 0);
      // Foot then top: +1 mV; top then foot: −1 mV (the caliper is signed, second minus first).
      for (const [first, second, sign] of [['foot', 'top', 1], ['top', 'foot', -1]] as const) {
        let e = await edges();
        await page.mouse.click(e.x, e[first]);
        await expect.poll(readout).toMatch(/Click the peak/);
        e = await edges();
        await page.mouse.click(e.x, e[second]);
        await expect.poll(readout).toMatch(/ mV$/);
        const text = await readout();
        const match = /^([+−])(\d+\.\d+) mV$/.exec(text);
        expect(match, text).not.toBeNull();
        const mv = (match?.[1] === '−' ? -1 : 1) * Number(match?.[2]);
        expect(Math.abs(mv - sign * 1)).toBeLessThanOrEqual(tolerance(gain));
      }
      await shot(`07-amplitude-caliper-${gain}mmmV`);
    }
    await page.getByTestId('ecg-gain').selectOption('10');
    await page.getByTestId('ecg-caliper-off').click();
    expect(pageErrors).toEqual([]);
  });

  it('measures the RR interval of record 100 with the interval caliper', async () => {
    // Ground truth from the raw file: R peaks of MLII in the first 10 s, checked against the
    // cardiologists' beat annotations of MIT-BIH (100.atr).
    const mlii = readFormat212(WFDB_100[1] as string, 2, 0, 10 * WFDB_100_FS);
    const peaks = findRPeaks(mlii, Math.round(0.2 * WFDB_100_FS));
    const annotated = readBeatAnnotations(sharedData('ecg', 'wfdb', '100.atr')).filter((s) => s < mlii.length);
    expect(peaks).toHaveLength(annotated.length);
    peaks.forEach((p, i) => expect(Math.abs(p - (annotated[i] as number))).toBeLessThanOrEqual(2));

    await openEcgStudy('WFDB record 100');
    const rhythm = page.getByTestId('ecg-rhythm-MLII');
    await expect.poll(() => rhythm.getAttribute('data-present')).toBe('true');
    await page.getByTestId('ecg-caliper-interval').click();
    expect(await readout()).toMatch(/Click the start/);

    // Pairs of consecutive beats: a regular one and the short one before the premature beat.
    const pairs: [number, number][] = [[0, 1], [6, 7]];
    for (const [a, b] of pairs) {
      const [ra, rb] = [peaks[a] as number, peaks[b] as number];
      const expectedMs = ((rb - ra) / WFDB_100_FS) * 1000;
      await rhythm.scrollIntoViewIfNeeded();
      // The page's left margin (calibration pulse) is 10 mm at 25 mm/s; the strip starts at record time 0.
      const page0 = await box(svg());
      const strip = await box(rhythm);
      const originX = page0.x + 10 * DEFAULT_PX_PER_MM;
      expect(Math.abs(strip.x - originX)).toBeLessThan(1);
      const xOf = (sample: number) => originX + (sample / WFDB_100_FS) * 25 * DEFAULT_PX_PER_MM;
      const y = strip.y + strip.height / 2;
      for (const x of [xOf(ra), xOf(rb)]) expect(x).toBeLessThan(page.viewportSize()?.width ?? 0);
      await page.mouse.click(xOf(ra), y);
      expect(await readout()).toMatch(/Click its end/);
      await page.mouse.click(xOf(rb), y);
      const text = await readout();
      const match = /^(\d+) ms · (\d+) bpm$/.exec(text);
      expect(match, text).not.toBeNull();
      const [ms, bpm] = [Number(match?.[1]), Number(match?.[2])];
      expect(Math.abs(ms - expectedMs)).toBeLessThanOrEqual(SMALL_BOX_MS);
      // bpm is 60 000 / RR: the same small-box tolerance, carried over to the rate.
      expect(bpm).toBe(Math.round(60_000 / ms));
      expect(Math.abs(bpm - 60_000 / expectedMs)).toBeLessThanOrEqual(60_000 / (expectedMs - SMALL_BOX_MS) - 60_000 / expectedMs);
      await shot(`08-wfdb100-caliper-beats-${a}-${b}`);
    }
    expect(pageErrors).toEqual([]);
  });

  it('fits the page to the panel on request, says so on the page, and the interval caliper still reads true', async () => {
    const mlii = readFormat212(WFDB_100[1] as string, 2, 0, 10 * WFDB_100_FS);
    const [ra, rb] = findRPeaks(mlii, Math.round(0.2 * WFDB_100_FS)) as [number, number];
    const expectedMs = ((rb - ra) / WFDB_100_FS) * 1000;
    await openEcgStudy('WFDB record 100');
    await page.getByTestId('ecg-caliper-off').click();
    const paperWidth = (await box(svg())).width;
    const fit = page.getByTestId('ecg-fit-width');
    await fit.check();
    const panel = viewer().locator('.paper');
    await expect.poll(async () => Math.abs((await box(svg())).width - (await panel.evaluate((el) => el.clientWidth)))).toBeLessThan(1);
    const scale = (await box(svg())).width / paperWidth;
    expect(scale).toBeGreaterThan(0.25);
    expect(scale).toBeLessThan(0.98); // this window is narrower than a 10 s page at paper size
    expect(await svg().locator('text.footer').textContent()).toContain(`fit to width: ${Math.round(scale * 100)} % of paper size`);

    // The caliper reads time from the page's millimetres: on the scaled page it still gives the true RR.
    await page.getByTestId('ecg-caliper-interval').click();
    const rhythm = page.getByTestId('ecg-rhythm-MLII');
    await rhythm.scrollIntoViewIfNeeded();
    const page0 = await box(svg());
    const pxPerMm = DEFAULT_PX_PER_MM * scale;
    const xOf = (sample: number) => page0.x + 10 * pxPerMm + (sample / WFDB_100_FS) * 25 * pxPerMm;
    const strip = await box(rhythm);
    await page.mouse.click(xOf(ra), strip.y + strip.height / 2);
    await page.mouse.click(xOf(rb), strip.y + strip.height / 2);
    const ms = Number(/^(\d+) ms/.exec(await readout())?.[1]);
    expect(Math.abs(ms - expectedMs)).toBeLessThanOrEqual(SMALL_BOX_MS);
    await shot('10-wfdb100-fit-width-caliper');

    // The choice is kept (like the screen calibration); turning it off restores paper size.
    await page.reload();
    await openEcgStudy('WFDB record 100');
    await expect.poll(() => page.getByTestId('ecg-fit-width').isChecked()).toBe(true);
    // 'w' toggles it from the keyboard, as the other ECG settings have keys.
    await viewer().focus();
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('ecg-fit-width').isChecked()).toBe(false);
    await expect.poll(async () => (await box(svg())).width).toBeCloseTo(paperWidth, 0);
    expect(await svg().locator('text.footer').textContent()).not.toContain('fit to width');
    expect(pageErrors).toEqual([]);
  });

  it('draws at a configured screen scale (localStorage qoq.ecg.cssPxPerMm)', async () => {
    await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('qoq.ecg.cssPxPerMm', '5'));
    await page.reload();
    await openEcgStudy('Clark');
    for (const h of await pulseHeights()) expect(h).toBeCloseTo(50, 0);
    expect((await box(page.getByTestId('ecg-rhythm-II'))).width).toBeCloseTo(250 * 5, -1);
    await page.getByTestId('ecg-gain').selectOption('20');
    await expect.poll(async () => (await pulseHeights())[0]).toBeCloseTo(100, 0);
    await page.getByTestId('ecg-gain').selectOption('10');
    await shot('09-12lead-5pxpermm');
    expect(pageErrors).toEqual([]);
  });
});
