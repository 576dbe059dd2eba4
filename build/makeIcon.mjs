// Writes build/icon.png (512×512): a dark rounded tile with a teal ring and an ECG trace. Run once with
// `node build/makeIcon.mjs`; the PNG is committed so packaging needs no drawing step.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const SIZE = 512;
const SAMPLES = 4; // per axis, for anti-aliased edges

// The ECG trace as a polyline in 0..1 coordinates: baseline, P wave, QRS spike, T wave.
const trace = [
  [0.16, 0.55], [0.3, 0.55], [0.34, 0.5], [0.38, 0.55], [0.44, 0.55], [0.47, 0.62],
  [0.52, 0.26], [0.57, 0.7], [0.6, 0.55], [0.68, 0.55], [0.73, 0.46], [0.78, 0.55], [0.84, 0.55],
];

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Colour of one sub-sample point, or null outside the tile. */
function shade(x, y) {
  const r = 0.16; // corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;
  const line = Math.min(...trace.slice(1).map((b, i) => distanceToSegment(x, y, trace[i], b)));
  if (line < 0.018) return [240, 246, 252];
  const ring = Math.abs(Math.hypot(x - 0.5, y - 0.5) - 0.36);
  if (ring < 0.022) return [45, 186, 170];
  return [17, 20, 24];
}

const png = new PNG({ width: SIZE, height: SIZE });
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = shade((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
        if (!c) continue;
        sum[0] += c[0];
        sum[1] += c[1];
        sum[2] += c[2];
        sum[3] += 1;
      }
    }
    const i = (py * SIZE + px) * 4;
    const n = sum[3] || 1;
    png.data[i] = sum[0] / n;
    png.data[i + 1] = sum[1] / n;
    png.data[i + 2] = sum[2] / n;
    png.data[i + 3] = (255 * sum[3]) / (SAMPLES * SAMPLES);
  }
}
writeFileSync(new URL('./icon.png', import.meta.url), PNG.sync.write(png));
