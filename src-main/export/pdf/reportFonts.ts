/**
 * The PDF report's fonts: DejaVu Sans and DejaVu Sans Bold (Bitstream Vera licence, DejaVu changes in
 * the public domain), embedded and subset to the characters used. The PDF standard fonts encode only
 * WinAnsi, so a Polish, Czech, Hungarian, Greek or Russian patient name ("Łukasz", "Dvořák", "Erdős",
 * "Παπαδόπουλος", "Иванов") came out with "?" in place of letters.
 * Why DejaVu and not Noto Sans: pdf-lib's fontkit subsetting drops most glyphs of Noto Sans (the text
 * still extracts, but does not render: checked with poppler), and embedding Noto whole made every
 * report ~640 KB; DejaVu Sans subsets correctly (a one-page report ≈ 25 KB). The files come from the
 * dejavu-fonts-ttf package (the DejaVu 2.37 release); the packaged app keeps only these two
 * (build/electron-builder.yml).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;

/**
 * Scripts the font has glyphs for but pdf-lib cannot set right: right-to-left text and joining forms
 * need bidi reordering and shaping, which pdf-lib does not do, so Hebrew and Arabic would print as
 * disconnected letters in reverse order — worse than the "?" the report explains.
 */
const UNSHAPED_RANGES: readonly [number, number][] = [
  [0x0590, 0x08ff], // Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, NKo, Samaritan, Mandaic, Arabic Extended-A
  [0xfb1d, 0xfdff], // Hebrew and Arabic presentation forms A
  [0xfe70, 0xfeff], // Arabic presentation forms B
];

let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined;

/** The two font files, read once per process. */
function loadFontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  return (fontBytes ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
  });
}

export interface ReportFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** Code points both weights draw correctly: what the report may write as itself. */
  writable: Set<number>;
}

export async function embedReportFonts(doc: PDFDocument): Promise<ReportFonts> {
  doc.registerFontkit(fontkit);
  const bytes = loadFontBytes();
  const [regular, bold] = await Promise.all([doc.embedFont(bytes.regular, { subset: true }), doc.embedFont(bytes.bold, { subset: true })]);
  const inBold = new Set(bold.getCharacterSet());
  const writable = new Set(regular.getCharacterSet().filter((c) => inBold.has(c) && !UNSHAPED_RANGES.some(([lo, hi]) => c >= lo && c <= hi)));
  return { regular, bold, writable };
}
