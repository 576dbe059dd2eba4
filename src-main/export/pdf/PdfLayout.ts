/**
 * A top-to-bottom text flow over pdf-lib pages: wraps lines, starts a new page when the current one is
 * full, and writes only characters its font draws right (DejaVu Sans: Latin, Greek, Cyrillic and more;
 * reportFonts.ts): anything else (Chinese, Japanese, Korean, Arabic, Hebrew …) becomes "?" and is
 * counted, so the report can say so, and a trace with arbitrary Unicode never aborts the report.
 */
import { PDFDocument, PDFFont, PDFPage, rgb, type RGB } from 'pdf-lib';
import { embedReportFonts } from './reportFonts';

export const PAGE = { width: 595.28, height: 841.89, margin: 48, top: 64, bottom: 56 };

export class PdfLayout {
  page!: PDFPage;
  y = 0;
  /** Characters replaced by "?" so far (not in the font). */
  replacedCharacters = 0;
  private constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
    private readonly charset: Set<number>,
  ) {
    this.newPage();
  }

  static async create(): Promise<PdfLayout> {
    const doc = await PDFDocument.create();
    const { regular, bold, writable } = await embedReportFonts(doc);
    return new PdfLayout(doc, regular, bold, writable);
  }

  get contentWidth(): number {
    return PAGE.width - 2 * PAGE.margin;
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.top;
  }

  /** Makes room for `height` points, starting a new page if needed. */
  ensure(height: number): void {
    if (this.y - height < PAGE.bottom) this.newPage();
  }

  /** True when every character of `text` is printed as itself (none would become "?"). */
  canWrite(text: string): boolean {
    return [...text.replace(/\r?\n|\t/g, ' ')].every((c) => this.charset.has(c.codePointAt(0)!));
  }

  clean(text: string): string {
    return [...text.replace(/\r?\n|\t/g, ' ')]
      .map((c) => {
        if (this.charset.has(c.codePointAt(0)!)) return c;
        this.replacedCharacters++;
        return '?';
      })
      .join('');
  }

  wrap(text: string, size: number, width = this.contentWidth, font = this.font): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\n/)) {
      let line = '';
      for (const word of this.clean(paragraph).split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
        else {
          lines.push(line);
          line = word;
        }
        // A single word wider than the column (a hash, a UID) is cut hard.
        while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  text(text: string, opts: { size?: number; bold?: boolean; color?: RGB; gap?: number; indent?: number } = {}): void {
    const size = opts.size ?? 9;
    const font = opts.bold ? this.bold : this.font;
    const indent = opts.indent ?? 0;
    for (const line of this.wrap(text, size, this.contentWidth - indent, font)) {
      this.ensure(size * 1.35);
      this.page.drawText(line, { x: PAGE.margin + indent, y: this.y - size, size, font, color: opts.color ?? rgb(0, 0, 0) });
      this.y -= size * 1.35;
    }
    this.y -= opts.gap ?? 2;
  }

  heading(text: string): void {
    this.ensure(40);
    this.y -= 8;
    this.text(text, { size: 12, bold: true, gap: 4 });
  }

  /** The notice on every page, top and bottom, drawn last so pages added on the way get it too. */
  stampEveryPage(notice: string, footer: string): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const red = rgb(0.75, 0, 0);
      page.drawText(this.clean(notice), { x: PAGE.margin, y: PAGE.height - 30, size: 9, font: this.bold, color: red });
      page.drawText(this.clean(`${notice}  ${footer}  Page ${i + 1} of ${pages.length}`), { x: PAGE.margin, y: 28, size: 7, font: this.font, color: red });
    });
  }
}
