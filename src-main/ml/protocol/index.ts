/** Public surface of the QoQ-Med output protocol (notes §2): parsing, instruction text, findings, boxes. */
export type { BBox, ParsedJson, ParsedOutput, PredictedBox } from './types';
export { parseModelOutput, type ParseOptions } from './parseModelOutput';
export { formatInstruction, FORMAT_INSTRUCTION } from './formatInstruction';
export { splitLabels, LABEL_SEPARATORS, type LabelSplitMode } from './splitLabels';
export { normaliseLabel } from './normaliseLabel';
export { splitTraceSentences } from './splitTraceSentences';
export { findingsFromOutput, type Finding } from './findingsFromOutput';
export { mapBoxToOriginal, mapBoxToResized, type ImageGrids } from './mapBoxToOriginal';
export { isBBox, jsonItems } from './boxesFromJson';
