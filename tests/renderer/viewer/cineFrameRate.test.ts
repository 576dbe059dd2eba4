import { describe, expect, it } from 'vitest';
import { cineFrameRate, DEFAULT_CINE_FPS } from '../../../src-renderer/src/viewer/cine/cineFrameRate';

describe('cine frame rate', () => {
  it('takes Frame Time first (ms per frame), then Cine Rate, then the recommended rate', () => {
    expect(cineFrameRate({ frameTimeMs: 33.333, cineRate: 15 })).toEqual({ fps: 1000 / 33.333, source: 'frame time' });
    expect(cineFrameRate({ cineRate: 15, recommendedRate: 25 })).toEqual({ fps: 15, source: 'cine rate' });
    expect(cineFrameRate({ recommendedRate: 25 })).toEqual({ fps: 25, source: 'recommended rate' });
  });

  it('falls back to the default for missing or nonsensical values', () => {
    expect(cineFrameRate({})).toEqual({ fps: DEFAULT_CINE_FPS, source: 'default' });
    expect(cineFrameRate({ frameTimeMs: 0, cineRate: -3, recommendedRate: 5000 })).toEqual({ fps: DEFAULT_CINE_FPS, source: 'default' });
    expect(cineFrameRate({ frameTimeMs: 0.5, cineRate: 20 }).source).toBe('cine rate'); // 2000 fps is not a rate
  });
});
