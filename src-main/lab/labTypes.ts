/**
 * Types of the phantom lab: synthetic studies held in memory before they are written as real files
 * (DICOM, PNG + sidecar, WFDB) that the normal importer reads.
 */
import type { Box, Domain } from '../parsing/types';
import type { DicomAttribute } from './writers/dicomElements';

/** The nine clinical domains of QoQ-Med (no 'other'). */
export type LabDomain = Exclude<Domain, 'other'>;

/** Which split a lab is generated for: train is imbalanced like the paper, test is balanced. */
export type LabSplit = 'train' | 'test';

/** A binary footprint on one image: 1 = lesion pixel. Row-major, width × height. */
export interface Mask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One ground-truth finding on one image (for volumes: on one slice). */
export interface LabFinding {
  label: string;
  /** Inclusive pixel bounds [x_min, y_min, x_max, y_max]: exactly the bounding box of `mask`. */
  box: Box;
  /** The lesion's rasterised footprint: the pixels whose values the generator changed for it. */
  mask: Mask;
  /** How the lesion stands out from the tissue around it (tests check it against a ring around the mask). */
  appearance: 'brighter' | 'darker';
  /** CT only: range every lesion voxel's HU lies in after rescale. */
  huRange?: [number, number];
}

/** A greyscale image in DICOM stored values (before Rescale Slope/Intercept). */
export interface GreyFrame {
  width: number;
  height: number;
  values: Uint16Array;
  findings: LabFinding[];
}

/** An 8-bit RGB photo, interleaved. */
export interface RgbFrame {
  width: number;
  height: number;
  rgb: Uint8Array;
  findings: LabFinding[];
}

/** How a greyscale study is written as DICOM: the modality-specific part of the header. */
export interface DicomSeriesSpec {
  modality: 'CT' | 'MR' | 'DX' | 'CR' | 'MG' | 'US';
  sopClassUid: string;
  bodyPart: string;
  studyDescription: string;
  seriesDescription: string;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  /** Row spacing, column spacing in mm. */
  pixelSpacing: [number, number];
  /** Projection radiographs give the detector spacing (ImagerPixelSpacing); cross-sections PixelSpacing. */
  spacingAttribute: 'PixelSpacing' | 'ImagerPixelSpacing';
  rescale?: { slope: number; intercept: number; type: string };
  /** Default first, further presets after it (DICOM multi-valued WindowCenter/Width). */
  window: { center: number[]; width: number[] };
  /** Volumes: slice k lies at origin − k·spacing along z (head first, top slice first). */
  volume?: { thickness: number; spacing: number; origin: [number, number, number] };
  /** Modality-specific attributes (ViewPosition, KVP, EchoTime, ImageLaterality, …). */
  extra: DicomAttribute[];
}

export interface LabStudyCommon {
  domain: LabDomain;
  /** Ground-truth answer labels (a subset of the domain's vocabulary). */
  labels: string[];
  /** QoQ-style reasoning: what is seen, where, and why it leads to the labels. */
  reasoning: string;
  /** 0 = large, high-contrast lesion; 1 = small, subtle one. */
  difficulty: number;
  /** Numbers a test or a report may want (cardiothoracic ratio, lesion size in mm, heart rate, …). */
  measurements: Record<string, number>;
}

export interface DicomStudy extends LabStudyCommon {
  format: 'dicom';
  series: DicomSeriesSpec;
  /** One frame per image; volumes have one per slice, top slice first. */
  frames: GreyFrame[];
  /** The frame shown to the model (the slice with the largest lesion area for volumes). */
  keyFrame: number;
}

export interface PhotoStudy extends LabStudyCommon {
  format: 'photo';
  /** DICOM modality code the sidecar declares: XC (skin), OP (fundus), SM (pathology). */
  modality: string;
  frame: RgbFrame;
}

export interface EcgLead {
  name: string;
  /** Microvolts at `samplingRateHz`. */
  samplesUv: Float32Array;
}

export interface EcgStudy extends LabStudyCommon {
  format: 'wfdb';
  samplingRateHz: number;
  leads: EcgLead[];
  /** Sample index of every R peak the model placed (ground truth for rhythm checks). */
  rPeaks: number[];
}

export type LabStudy = DicomStudy | PhotoStudy | EcgStudy;
