/** ECG recordings (WFDB, HL7 aECG, Philips XML, SCP, and DICOM waveforms alongside their instance row). */
import type Database from 'better-sqlite3';
import type { Waveform } from '../contract/schemas';
import type { EcgSummary, ImportFlag } from '../parsing/types';
import { numberOrNull, parseJson, textOrNull } from './sqlValues';

interface WaveformRow {
  id: number;
  series_ref: number;
  format: Waveform['format'];
  leads: string;
  sampling_rate_hz: number;
  samples_per_lead: number;
  units: string;
  duration_s: number;
  filter_info: string | null;
  stored_path: string;
  sha256: string;
}

export interface WaveformSource {
  summary: EcgSummary;
  recordId?: string;
  flags: ImportFlag[];
  warnings: string[];
}

export function createWaveformRepository(db: Database.Database) {
  const insert = db.prepare<[Record<string, string | number | null>]>(
    `INSERT INTO waveforms (file_ref, series_ref, record_id, format, leads, sampling_rate_hz, samples_per_lead,
                            units, duration_s, filter_info, flags, warnings)
     VALUES (@file_ref, @series_ref, @record_id, @format, @leads, @sampling_rate_hz, @samples_per_lead,
             @units, @duration_s, @filter_info, @flags, @warnings)`,
  );
  const listForStudy = db.prepare<[number], WaveformRow>(
    `SELECT w.id, w.series_ref, w.format, w.leads, w.sampling_rate_hz, w.samples_per_lead, w.units, w.duration_s,
            w.filter_info, f.stored_path, f.sha256
       FROM waveforms w JOIN series x ON x.id = w.series_ref JOIN files f ON f.id = w.file_ref
      WHERE x.study_ref = ?
      ORDER BY w.series_ref, w.id`,
  );

  const byId = db.prepare<[number], WaveformRow>(
    `SELECT w.id, w.series_ref, w.format, w.leads, w.sampling_rate_hz, w.samples_per_lead, w.units, w.duration_s,
            w.filter_info, f.stored_path, f.sha256
       FROM waveforms w JOIN files f ON f.id = w.file_ref
      WHERE w.id = ?`,
  );
  const toWaveform = (r: WaveformRow): Waveform => ({
    id: r.id,
    path: r.stored_path,
    sha256: r.sha256,
    format: r.format,
    leads: parseJson<string[]>(r.leads),
    samplingRateHz: r.sampling_rate_hz,
    samplesPerLead: r.samples_per_lead,
    units: r.units,
    durationS: r.duration_s,
    filterInfo: r.filter_info,
  });

  return {
    get(id: number): Waveform | undefined {
      const row = byId.get(id);
      return row ? toWaveform(row) : undefined;
    },

    add(src: WaveformSource, fileRef: number, seriesRef: number): void {
      const s = src.summary;
      insert.run({
        file_ref: fileRef,
        series_ref: seriesRef,
        record_id: textOrNull(src.recordId),
        format: s.format,
        leads: JSON.stringify(s.leads),
        sampling_rate_hz: s.samplingRateHz,
        samples_per_lead: s.samplesPerLead,
        units: s.units,
        duration_s: numberOrNull(s.durationS) ?? s.samplesPerLead / s.samplingRateHz,
        filter_info: textOrNull(s.filterInfo),
        flags: JSON.stringify(src.flags),
        warnings: JSON.stringify(src.warnings),
      });
    },

    listForStudy(studyRef: number): { seriesRef: number; waveform: Waveform }[] {
      return listForStudy.all(studyRef).map((r) => ({ seriesRef: r.series_ref, waveform: toWaveform(r) }));
    },
  };
}

export type WaveformRepository = ReturnType<typeof createWaveformRepository>;
