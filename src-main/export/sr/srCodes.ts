/**
 * Coded concepts of the TID 1500 report. DCM and SCT codes are the ones PS3.16 uses in TID 1500/1501/
 * 1410 and TID 1002/1004 (observer context); 99QOQ is this product's private coding scheme for what
 * the standard has no code for (reader decisions, model finding labels, regions on non-DICOM photos).
 */
import type { CodedConcept } from '../dicomDict';

const dcm = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'DCM', meaning });
const qoq = (value: string, meaning: string): CodedConcept => ({ value, scheme: '99QOQ', meaning });

export const CODES = {
  imagingMeasurementReport: dcm('126000', 'Imaging Measurement Report'),
  languageOfContent: dcm('121049', 'Language of Content Item and Descendants'),
  englishUS: { value: 'en-US', scheme: 'RFC5646', meaning: 'English (United States)' },
  observerType: dcm('121005', 'Observer Type'),
  device: dcm('121007', 'Device'),
  person: dcm('121006', 'Person'),
  personObserverName: dcm('121008', 'Person Observer Name'),
  deviceObserverUid: dcm('121012', 'Device Observer UID'),
  deviceObserverName: dcm('121013', 'Device Observer Name'),
  deviceObserverManufacturer: dcm('121014', 'Device Observer Manufacturer'),
  deviceObserverModelName: dcm('121015', 'Device Observer Model Name'),
  procedureReported: dcm('121058', 'Procedure reported'),
  imagingProcedure: { value: '363679005', scheme: 'SCT', meaning: 'Imaging procedure' },
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingIdentifier: dcm('112039', 'Tracking Identifier'),
  trackingUid: dcm('112040', 'Tracking Unique Identifier'),
  finding: dcm('121071', 'Finding'),
  imageRegion: dcm('111030', 'Image Region'),
  comment: dcm('121106', 'Comment'),
  qualitativeEvaluations: qoq('EVAL', 'Reader decision'),
  nonDicomRegion: qoq('REGION', 'Region on a non-DICOM image'),
  modelSha256: qoq('MODELSHA256', 'Model package SHA-256'),
  researchUse: qoq('NOTICE', 'Research use notice'),
  reasoningTrace: qoq('TRACE', 'Model reasoning trace'),
} as const;

export const decisionCode = (decision: string): CodedConcept => qoq(decision.toUpperCase(), decision.charAt(0).toUpperCase() + decision.slice(1));

/** A finding label as a code of the private scheme: value is the label, upper-cased, up to 16 characters. */
export const labelCode = (label: string): CodedConcept => ({
  value: label.toUpperCase().replace(/[^A-Z0-9]+/g, '_').slice(0, 16) || 'UNLABELLED',
  scheme: '99QOQ',
  meaning: label.slice(0, 64),
});
