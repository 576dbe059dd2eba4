/**
 * The PDF report (pdf-lib): study and model identity, the findings table with the reader's decisions,
 * key images with boxes, the model's reasoning trace, the blinded first read, and the research-use notice
 * on every page.
 */
import { rgb } from 'pdf-lib';
import type { StudyReport } from '../../contract/reviewSchemas';
import type { KeyImage } from '../keyImages';
import { drawKeyImage, findingColour } from './drawKeyImage';
import { PdfLayout } from './PdfLayout';

export interface PdfOptions {
  deidentified: boolean;
}

/**
 * The patient's name as the report can print it. A DICOM name may carry ideographic and phonetic forms
 * after "=" (`Hong^Gildong=洪^吉洞=홍^길동`); when the font cannot print them, the report shows the
 * alphabetic form and says where the others are, rather than "Hong^Gildong=?^??".
 */
function patientNameFor(layout: PdfLayout, name: string | null): string | null {
  if (!name || layout.canWrite(name)) return name;
  const [alphabetic = '', ...others] = name.split('=');
  if (alphabetic === '' || !layout.canWrite(alphabetic) || others.every((o) => o === '')) return name;
  return `${alphabetic} (also written in a script this report cannot print: see the DICOM SR or JSON export)`;
}

export async function writePdfReport(report: StudyReport, keyImages: KeyImage[], opts: PdfOptions): Promise<Uint8Array> {
  const layout = await PdfLayout.create();
  const { study } = report.detail;
  const { review } = report;
  layout.doc.setTitle(`AI read report${opts.deidentified ? ' (de-identified)' : ''}`);
  layout.doc.setProducer('qoq-workstation');
  layout.doc.setCreator('qoq-workstation');
  // pdf-lib stamps creation/modification dates; they are the export's time, not the patient's.

  layout.text('AI read report', { size: 16, bold: true, gap: 6 });
  layout.text(report.notice, { size: 10, bold: true, color: rgb(0.75, 0, 0), gap: 8 });
  if (opts.deidentified) layout.text('De-identified: DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile.', { size: 9, gap: 6 });

  layout.heading('Study');
  const rows: [string, string | null][] = [
    ['Patient', patientNameFor(layout, study.patientName)],
    ['Patient ID', study.patientId],
    ['Study date', study.studyDate],
    ['Accession', study.accessionNumber],
    ['Description', study.description],
    ['Modalities', study.modalities.join(', ')],
    ['Study Instance UID', study.studyInstanceUid],
    ['Report generated', `${report.generatedAt}${report.generatedBy ? ` by ${report.generatedBy}` : ''}`],
  ];
  for (const [k, v] of rows) if (v) layout.text(`${k}: ${v}`);

  layout.heading('Model');
  const models = new Map(review.analyses.map((a) => [a.result.model.sha256, a.result.model]));
  if (models.size === 0) {
    layout.text(review.findings.length > 0 ? 'No stored AI analysis: the findings below were added by the reader.' : 'No AI analysis is stored for this study.');
  }
  for (const m of models.values()) {
    layout.text(`${m.name} ${m.version} (id ${m.id})`);
    layout.text(`SHA-256: ${m.sha256}`, { size: 8 });
  }

  layout.heading('Findings');
  if (review.findings.length === 0) layout.text('No findings.');
  review.findings.forEach((f, i) => {
    const boxes = f.boxes.map((b) => `[${[b.x1, b.y1, b.x2, b.y2].map((n) => Math.round(n)).join(', ')}] on ${b.ref}`).join('; ');
    layout.text(`${i + 1}. ${f.label} — reader decision: ${f.decision}${f.original && f.original.label !== f.label ? ` (model said: ${f.original.label})` : ''}`, {
      bold: true,
      color: findingColour(i),
      size: 10,
    });
    layout.text(`Source: ${f.analysisId === null ? 'added by the reader' : `model analysis ${f.analysisId}`}${f.decidedBy ? `; decided by ${f.decidedBy}` : ''}${f.decidedAt ? ` at ${f.decidedAt}` : ''}`, { indent: 12 });
    if (boxes) layout.text(`Boxes (original pixels): ${boxes}`, { indent: 12, size: 8 });
    if (f.comment) layout.text(`Comment: ${f.comment}`, { indent: 12 });
    for (const s of f.sentences) layout.text(`“${s}”`, { indent: 12, size: 8, color: rgb(0.3, 0.3, 0.3) });
    layout.y -= 4;
  });

  if (keyImages.length > 0) {
    // Keep the heading with the first picture (about 340 pt tall with its title and legend).
    if (keyImages[0]!.rgb) layout.ensure(380);
    layout.heading('Key images');
    for (const key of keyImages) await drawKeyImage(layout, key, review.findings);
  }

  for (const a of review.analyses) {
    layout.heading(`Reasoning trace (analysis ${a.id}, ${a.result.model.id})`);
    layout.text(a.result.trace ?? 'The model wrote no reasoning.', { size: 8 });
    layout.text(`Answer: ${a.result.answer.join(', ') || '(none)'}`, { size: 9, bold: true });
  }

  if (review.firstRead) {
    layout.heading('Blinded first read (recorded before AI output was shown)');
    layout.text(review.firstRead.impression);
    if (review.firstRead.labels.length) layout.text(`Labels: ${review.firstRead.labels.join(', ')}`);
  }

  if (layout.replacedCharacters > 0) {
    // A name shown as "??^??" must not be taken for data: say what happened and where the text is.
    layout.heading('Characters not shown');
    layout.text(
      `${layout.replacedCharacters} character(s) of this report are in a script its font does not have (it covers Latin, ` +
        'Greek and Cyrillic) and are printed as "?". The DICOM SR, FHIR and JSON exports hold the exact text.',
      { color: rgb(0.75, 0, 0) },
    );
  }
  layout.stampEveryPage(report.notice, opts.deidentified ? 'De-identified export.' : '');
  return layout.doc.save();
}
