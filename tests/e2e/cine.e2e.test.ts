// End to end: cine playback of multi-frame objects in the built app. The XA run (96 JPEG frames) and the
// US loop (30 frames) carry Frame Time (0018,1063) = 33 ms and 33.333 ms: the player must run at the
// file's rate, advance frames while playing and hold still when paused. Screenshots: cine-*.png.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/sharedData';
import { canvasStats } from './canvasPixels';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';

const XA = sharedData('xa', 'HasFragmentSequence_xa_96frames_jpeg.dcm');
const US = sharedData('us', 'examples_ybr_color_us_multiframe_jpeg.dcm');

let ws: OpenWorkstation;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `cine-${name}.png`) });
const frameNumber = async () => Number(/^Im (\d+)\//.exec(await page.getByTestId('slice-info').innerText())?.[1]);
const cineButton = () => page.locator('[data-action="cine"]');

/** Frame numbers seen over `ms`, sampled every 100 ms. */
async function framesOver(ms: number): Promise<number[]> {
  const seen: number[] = [];
  for (let t = 0; t < ms; t += 100) {
    seen.push(await frameNumber());
    await page.waitForTimeout(100);
  }
  return seen;
}

beforeAll(async () => {
  ws = await openWorkstation({ name: 'cine', paths: [XA, US] });
  ({ page } = ws);
}, 180_000);

afterAll(() => ws?.close());

describe('cine for multi-frame objects', () => {
  it('opens the 96-frame XA run with the rate from its Frame Time', async () => {
    await page.locator('.list li', { hasText: 'XA' }).first().click();
    await expect.poll(() => page.getByTestId('slice-info').innerText(), { timeout: 30_000 }).toMatch(/^Im 1\/96\b/);
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 30_000 }).toBeGreaterThan(5_000);
    // 1000 ms / 33 ms per frame.
    await expect.poll(() => page.getByTestId('cine-rate').innerText()).toBe('30.3 fps (frame time)');
    expect(await cineButton().getAttribute('aria-pressed')).toBe('false');
  });

  it('advances frames while playing', async () => {
    const before = await canvasStats(page);
    await cineButton().click();
    expect(await cineButton().getAttribute('aria-pressed')).toBe('true');
    // Software WebGL and a shared CPU decode and draw far slower than 30 fps (the first pass also waits
    // for each JPEG frame to decode): what matters is that frames keep advancing on their own.
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          for (const f of await framesOver(1_000)) seen.add(f);
          return seen.size;
        },
        { timeout: 30_000, interval: 0 },
      )
      .toBeGreaterThanOrEqual(6);
    await expect.poll(async () => (await canvasStats(page)).checksum).not.toBe(before.checksum);
    await shot('01-xa-playing');
  });

  it('holds the frame when paused with the P key', async () => {
    await page.locator('.stack-viewer').focus();
    await page.keyboard.press('p');
    expect(await cineButton().getAttribute('aria-pressed')).toBe('false');
    await page.waitForTimeout(300); // a frame already requested may still land
    const frame = await frameNumber();
    const stats = await canvasStats(page);
    expect(new Set(await framesOver(1_500))).toEqual(new Set([frame]));
    expect((await canvasStats(page)).checksum).toBe(stats.checksum);
    await shot('02-xa-paused');
    // P again resumes.
    await page.keyboard.press('p');
    await expect.poll(frameNumber, { timeout: 10_000 }).not.toBe(frame);
    await page.keyboard.press('p');
  });

  it('reads the US loop\'s rate (33.333 ms per frame) too', async () => {
    await page.locator('.list li', { hasText: 'US' }).first().click();
    await expect.poll(() => page.getByTestId('slice-info').innerText(), { timeout: 30_000 }).toMatch(/^Im 1\/30\b/);
    await expect.poll(() => page.getByTestId('cine-rate').innerText()).toBe('30.0 fps (frame time)');
    await cineButton().click();
    await expect.poll(frameNumber, { timeout: 10_000 }).toBeGreaterThan(2);
    await shot('03-us-playing');
    await cineButton().click();
    expect(ws.pageErrors).toEqual([]);
  });
});
