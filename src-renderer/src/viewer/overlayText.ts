// The four corners of text over the image, as plain strings, so the component only lays them out.
import type { Instance, Series, StudySummary } from '../../../src-main/contract/schemas';
import type { WindowLevel } from './windowPresets';

export interface OverlayCorners {
  topLeft: string[];
  topRight: string[];
  bottomLeft: string[];
  bottomRight: string[];
}

export interface OverlayInput {
  study: StudySummary;
  series: Series;
  instance: Instance | undefined;
  sliceIndex: number;
  sliceCount: number;
  windowLevel: WindowLevel | null;
  inverted: boolean;
}

/** DICOM DA (YYYYMMDD) as YYYY-MM-DD; anything else unchanged. */
export function formatDicomDate(date: string | null): string {
  if (!date) return '';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : date;
}

/**
 * DICOM PN (Family^Given^Middle) as "FAMILY, Given Middle". A name with an ideographic form
 * (`Yamada^Tarou=山田^太郎=やまだ^たろう`, PS3.5 §6.2.1.2) leads with it, as Japanese, Chinese and Korean
 * readers know the patient by it: "山田 太郎 (YAMADA, Tarou)".
 */
export function formatPersonName(name: string | null): string {
  if (!name) return '';
  const [alphabetic = '', ideographic = ''] = name.split('=');
  const [family = '', ...rest] = alphabetic.split('^');
  const given = rest.filter(Boolean).join(' ');
  const latin = given ? `${family.toUpperCase()}, ${given}` : family.toUpperCase();
  // Ideographic names are written family name first, without a comma.
  const native = ideographic.split('^').filter(Boolean).join(' ');
  if (!native) return latin;
  return latin ? `${native} (${latin})` : native;
}

export function overlayCorners(o: OverlayInput): OverlayCorners {
  const { study, series, instance } = o;
  const position = instance?.imagePosition ? `Z ${instance.imagePosition[2].toFixed(1)} mm` : '';
  const thickness = instance?.sliceThickness ? `Thk ${instance.sliceThickness} mm` : '';
  const wl = o.windowLevel ? `W ${Math.round(o.windowLevel.width)} L ${Math.round(o.windowLevel.center)}` : 'W — L —';
  return {
    topLeft: [formatPersonName(study.patientName) || study.patientId, `ID ${study.patientId}`, formatDicomDate(study.studyDate)].filter(Boolean),
    topRight: [
      study.description ?? '',
      `Se ${series.seriesNumber ?? '—'} ${series.modality}`,
      series.description ?? '',
    ].filter(Boolean),
    bottomLeft: [`Im ${o.sliceCount ? o.sliceIndex + 1 : 0}/${o.sliceCount}`, [position, thickness].filter(Boolean).join('  ')].filter(Boolean),
    bottomRight: [wl, o.inverted ? 'Inverted' : ''].filter(Boolean),
  };
}
