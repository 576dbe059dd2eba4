/** The phantom lab: seeded synthetic studies for all nine domains, written as files the importer reads. */
export { generateLab, labStudyId, LAB_MANIFEST_NAME, synthesiseStudy, type GenerateLabOptions, type LabSummary } from './generateLab';
export type { LabRecord } from './labRecord';
export { DEFAULT_TEST_COUNTS, DEFAULT_TRAIN_COUNTS, LAB_DOMAIN_NAMES, LAB_DOMAINS, studyPlan, type DomainEntry, type StudyGenerator } from './labVocabulary';
export { LabRandom } from './LabRandom';
export { CT_LESION_HU } from './generators/ct';
export type { DicomStudy, EcgStudy, GreyFrame, LabDomain, LabFinding, LabSplit, LabStudy, Mask, PhotoStudy, RgbFrame } from './labTypes';
