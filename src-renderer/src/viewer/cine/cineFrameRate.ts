// Playback rate of a multi-frame object, from the file as PS3.3 defines it: Frame Time (0018,1063, ms
// between frames) first, then Cine Rate (0018,0040, frames/s), then Recommended Display Frame Rate
// (0008,2144); a fixed default when the file says nothing (a CT stack played as cine, for instance).

export const DEFAULT_CINE_FPS = 10;
/** Faster than this is a damaged or nonsensical header, not a real acquisition rate. */
const MAX_FPS = 120;

export interface CineTiming {
  frameTimeMs?: number | undefined;
  cineRate?: number | undefined;
  recommendedRate?: number | undefined;
}

export interface CineFrameRate {
  fps: number;
  source: 'frame time' | 'cine rate' | 'recommended rate' | 'default';
}

const valid = (fps: number | undefined): fps is number => fps !== undefined && Number.isFinite(fps) && fps > 0 && fps <= MAX_FPS;

export function cineFrameRate(t: CineTiming): CineFrameRate {
  const fromFrameTime = t.frameTimeMs !== undefined && t.frameTimeMs > 0 ? 1000 / t.frameTimeMs : undefined;
  if (valid(fromFrameTime)) return { fps: fromFrameTime, source: 'frame time' };
  if (valid(t.cineRate)) return { fps: t.cineRate, source: 'cine rate' };
  if (valid(t.recommendedRate)) return { fps: t.recommendedRate, source: 'recommended rate' };
  return { fps: DEFAULT_CINE_FPS, source: 'default' };
}
