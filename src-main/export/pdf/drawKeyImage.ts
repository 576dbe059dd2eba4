/**
 * One key image in the PDF: the decoded picture (downscaled to at most 768 px, PNG-embedded) with each
 * finding's boxes drawn in the finding's colour and numbered as in the findings table.
 */
import { PNG } from 'pngjs';
import { rgb, type RGB } from 'pdf-lib';
import type { ReviewedFinding } from '../../contract/reviewSchemas';
import type { RgbImage } from '../../ml/preprocess/types';
import type { KeyImage } from '../keyImages';
import { PAGE, type PdfLayout } from './PdfLayout';

const MAX_PIXELS = 768;
const BOX_SIZE = 300;
const PALETTE: RGB[] = [rgb(1, 0.55, 0), rgb(0, 0.7, 1), rgb(0.2, 0.85, 0.2), rgb(1, 0.2, 0.6), rgb(1, 0.9, 0), rgb(0.6, 0.4, 1)];

export const findingColour = (index: number): RGB => PALETTE[index % PALETTE.length]!;

export async function drawKeyImage(layout: PdfLayout, key: KeyImage, findings: ReviewedFinding[]): Promise<void> {
  if (!key.rgb) {
    layout.text(`Image ${key.ref}`, { size: 8, bold: true });
    layout.text(`No pixels shown: ${key.missing ?? 'unavailable'}.`, { size: 8, color: rgb(0.5, 0, 0), gap: 8 });
    return;
  }
  const { width, height } = key.rgb;
  const scale = Math.min(BOX_SIZE / width, BOX_SIZE / height);
  const w = width * scale;
  const h = height * scale;
  // Title, picture and legend stay on one page.
  layout.ensure(h + 40);
  layout.text(`Image ${key.ref}`, { size: 8, bold: true });
  const png = await layout.doc.embedPng(encodePng(downscale(key.rgb, MAX_PIXELS)));
  const x0 = PAGE.margin;
  const y0 = layout.y - h;
  layout.page.drawImage(png, { x: x0, y: y0, width: w, height: h });
  for (const index of key.findings) {
    const f = findings[index]!;
    for (const b of f.boxes.filter((bx) => bx.ref === key.ref)) {
      const colour = findingColour(index);
      // PDF y grows upwards; image rows grow downwards.
      const bx = x0 + b.x1 * scale;
      const by = y0 + h - b.y2 * scale;
      layout.page.drawRectangle({ x: bx, y: by, width: (b.x2 - b.x1) * scale, height: (b.y2 - b.y1) * scale, borderColor: colour, borderWidth: 1.5 });
      layout.page.drawText(String(index + 1), { x: bx + 2, y: by + (b.y2 - b.y1) * scale - 10, size: 9, font: layout.bold, color: colour });
    }
  }
  const legend = key.findings.map((i) => `${i + 1}: ${findings[i]!.label} (${findings[i]!.decision})`).join('   ');
  layout.y = y0 - 4;
  layout.text(legend, { size: 8, gap: 10 });
}

function downscale(img: RgbImage, max: number): RgbImage {
  const factor = Math.max(img.width, img.height) / max;
  if (factor <= 1) return img;
  const width = Math.max(1, Math.round(img.width / factor));
  const height = Math.max(1, Math.round(img.height / factor));
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(img.height - 1, Math.floor(y * factor));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(img.width - 1, Math.floor(x * factor));
      data.set(img.data.subarray((sy * img.width + sx) * 3, (sy * img.width + sx) * 3 + 3), (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

function encodePng(img: RgbImage): Buffer {
  const rgba = Buffer.alloc(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.data.length; i += 3, j += 4) {
    rgba[j] = img.data[i]!;
    rgba[j + 1] = img.data[i + 1]!;
    rgba[j + 2] = img.data[i + 2]!;
    rgba[j + 3] = 255;
  }
  return PNG.sync.write({ width: img.width, height: img.height, data: rgba } as PNG);
}
