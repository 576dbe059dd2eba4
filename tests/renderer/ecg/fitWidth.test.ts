import { describe, expect, it } from 'vitest';
import { FIT_WIDTH_STORAGE_KEY, fitScale, readFitWidth, scaleNote, writeFitWidth } from '../../../src-renderer/src/ecg/fitWidth';
import { memoryStorage } from '../../../src-renderer/src/ecg/screenCalibration';

describe('fit width', () => {
  it('scales a page to the panel: 800 px of panel for a 1000 px page is 0.8', () => {
    expect(fitScale(800, 1000)).toBe(0.8);
    expect(fitScale(1500, 1000)).toBe(1.5); // a wide screen enlarges it too
  });

  it('stays at paper size while the panel is not laid out, and within ¼× … 4×', () => {
    expect(fitScale(0, 1000)).toBe(1);
    expect(fitScale(800, 0)).toBe(1);
    expect(fitScale(Number.NaN, 1000)).toBe(1);
    expect(fitScale(100, 1000)).toBe(0.25);
    expect(fitScale(10_000, 1000)).toBe(4);
  });

  it('says how far from paper size the page is, and nothing at paper size', () => {
    expect(scaleNote(0.784)).toBe('fit to width: 78 % of paper size, not for ruler measurement');
    expect(scaleNote(1)).toBe('');
    expect(scaleNote(1.004)).toBe(''); // rounds to 100 %
  });

  it('keeps the choice in the injected storage; anything but "true" is off', () => {
    const storage = memoryStorage();
    expect(readFitWidth(storage)).toBe(false);
    writeFitWidth(storage, true);
    expect(storage.getItem(FIT_WIDTH_STORAGE_KEY)).toBe('true');
    expect(readFitWidth(storage)).toBe(true);
    storage.setItem(FIT_WIDTH_STORAGE_KEY, 'yes');
    expect(readFitWidth(storage)).toBe(false);
  });
});
