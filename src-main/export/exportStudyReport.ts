/**
 * Renders one study's report in the requested formats, de-identified or not. Pure of the store and of
 * the filesystem except for reading the study's stored objects (headers, key-image pixels): the service
 * decides where the bytes go. One UidMapper and one TextScrubber per study export, so the PDF, SR, FHIR
 * and JSON of a study carry the same replacement UIDs and the same cleaned text.
 */
import type { ExportFormat, StudyReport } from '../contract/reviewSchemas';
import { deidentifyReport } from './deidentifyReport';
import { buildFhirBundle } from './fhir/buildFhirBundle';
import { buildJsonReport } from './json/buildJsonReport';
import { renderKeyImages } from './keyImages';
import { mapRef } from './mapRef';
import { writePdfReport } from './pdf/writePdfReport';
import { TextScrubber } from './scrubText';
import { writeSrReport } from './sr/writeSrReport';
import { collectStudySources, harvestIdentifiers } from './studySources';
import { UidMapper } from './uidMapper';

export const FILE_SUFFIX: Record<ExportFormat, string> = { pdf: 'report.pdf', sr: 'sr.dcm', fhir: 'fhir.json', json: 'report.json' };

export interface RenderedFile {
  format: ExportFormat;
  fileName: string;
  bytes: Uint8Array;
}

export interface RenderOutcome {
  files: RenderedFile[];
  failed: { format: ExportFormat; reason: string }[];
}

export async function exportStudyReport(original: StudyReport, formats: ExportFormat[], opts: { deidentify: boolean; uids?: UidMapper }): Promise<RenderOutcome> {
  const uids = opts.uids ?? new UidMapper();
  const sources = await collectStudySources(original);
  let report = original;
  if (opts.deidentify) {
    const scrubber = new TextScrubber();
    for (const header of sources.headers.values()) harvestIdentifiers(header, scrubber);
    report = deidentifyReport(original, { uids, scrubber });
  }
  const outputRef = (ref: string) => (opts.deidentify ? mapRef(ref, uids) : ref);
  const base = `study-${original.detail.study.id}${opts.deidentify ? '-deid' : ''}`;
  const out: RenderOutcome = { files: [], failed: [] };
  for (const format of [...new Set(formats)]) {
    try {
      const bytes = await render(format);
      out.files.push({ format, fileName: `${base}.${FILE_SUFFIX[format]}`, bytes });
    } catch (err) {
      out.failed.push({ format, reason: (err as Error).message });
    }
  }
  return out;

  async function render(format: ExportFormat): Promise<Uint8Array> {
    switch (format) {
      case 'pdf':
        return writePdfReport(report, await renderKeyImages(original, sources, { deidentify: opts.deidentify, outputRef }), { deidentified: opts.deidentify });
      case 'sr': {
        const instances = new Map(report.detail.series.flatMap((s) => s.instances).map((i) => [i.sopInstanceUid, i]));
        return writeSrReport(report, {
          studyHeader: sources.studyHeader,
          sopClassOf: (uid) => instances.get(uid)?.sopClassUid,
          framesOf: (uid) => instances.get(uid)?.frames ?? 1,
          ...(opts.deidentify ? { deidentify: uids } : {}),
        });
      }
      case 'fhir':
        return utf8(`${JSON.stringify(buildFhirBundle(report, { deidentified: opts.deidentify }), null, 2)}\n`);
      case 'json':
        return utf8(buildJsonReport(report, { deidentified: opts.deidentify }));
    }
  }
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
