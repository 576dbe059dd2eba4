import { describe, expect, it } from 'vitest';
import { directionLabel, orientationMarkers } from '../../../src-renderer/src/viewer/orientationMarkers';
import { formatDicomDate, formatPersonName } from '../../../src-renderer/src/viewer/overlayText';
import { viewerShortcutFor, VIEWER_SHORTCUTS } from '../../../src-renderer/src/viewer/viewerShortcuts';
import { presetsFor } from '../../../src-renderer/src/viewer/windowPresets';

describe('orientation markers', () => {
  it('labels a standard axial, coronal and sagittal view', () => {
    expect(orientationMarkers([1, 0, 0, 0, 1, 0])).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    expect(orientationMarkers([1, 0, 0, 0, 0, -1])).toEqual({ left: 'R', right: 'L', top: 'H', bottom: 'F' });
    expect(orientationMarkers([0, 1, 0, 0, 0, -1])).toEqual({ left: 'A', right: 'P', top: 'H', bottom: 'F' });
    expect(orientationMarkers(null)).toBeNull();
  });

  it('names oblique directions strongest component first', () => {
    expect(directionLabel([0.8, -0.6, 0])).toBe('LA');
    expect(directionLabel([0.1, 0, -0.99])).toBe('F');
  });
});

describe('window presets', () => {
  it('offers the CT presets with their textbook numbers, and only "auto" for MR', () => {
    const ct = Object.fromEntries(presetsFor('CT').map((p) => [p.key, p.window]));
    expect(ct).toEqual({
      brain: { width: 80, center: 40 },
      lung: { width: 1500, center: -600 },
      bone: { width: 1800, center: 400 },
      'soft-tissue': { width: 400, center: 40 },
      abdomen: { width: 400, center: 60 },
      auto: undefined,
    });
    expect(presetsFor('MR').map((p) => p.key)).toEqual(['auto']);
  });
});

describe('overlay text and shortcuts', () => {
  it('formats DICOM dates and person names', () => {
    expect(formatDicomDate('20150206')).toBe('2015-02-06');
    expect(formatDicomDate(null)).toBe('');
    expect(formatPersonName('Doe^Jane^Q')).toBe('DOE, Jane Q');
    expect(formatPersonName('HEAD')).toBe('HEAD');
    // PS3.5 Annex H and I examples: the ideographic form first, the alphabetic one after it.
    expect(formatPersonName('Yamada^Tarou=山田^太郎=やまだ^たろう')).toBe('山田 太郎 (YAMADA, Tarou)');
    expect(formatPersonName('Hong^Gildong=洪^吉洞=홍^길동')).toBe('洪 吉洞 (HONG, Gildong)');
    expect(formatPersonName('=山田^太郎')).toBe('山田 太郎');
    expect(formatPersonName('Doe^Jane==')).toBe('DOE, Jane');
  });

  it('maps every listed key, case-insensitively for letters', () => {
    expect(viewerShortcutFor('I')).toEqual({ type: 'invert' });
    expect(viewerShortcutFor('3')).toEqual({ type: 'preset', index: 2 });
    expect(new Set(VIEWER_SHORTCUTS.map((s) => s.key)).size).toBe(VIEWER_SHORTCUTS.length);
  });
});
