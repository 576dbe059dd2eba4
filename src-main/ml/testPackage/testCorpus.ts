import { FORMAT_INSTRUCTION } from '../protocol/formatInstruction';

/**
 * The built-in tokenizer corpus of the random test package: radiology- and ECG-flavoured words plus
 * every piece of the QoQ output protocol (think tags, the fenced JSON block, bbox_2d, \boxed{}), so the
 * trained BPE has merges for the strings the parsers look for and test prompts tokenise compactly.
 */
const SENTENCES: readonly string[] = [
  'Frontal chest radiograph shows a small left pleural effusion and mild cardiomegaly.',
  'No pneumothorax. No focal consolidation. The lungs are clear.',
  'Axial CT of the abdomen: hypodense lesion in the right hepatic lobe, likely a cyst.',
  'MRI brain: no acute infarct, no haemorrhage, no mass effect.',
  'Mammogram with a spiculated mass in the upper outer quadrant of the left breast.',
  'Dermoscopy image of a pigmented lesion with irregular borders.',
  'Fundus photograph showing diabetic retinopathy with microaneurysms.',
  'Ultrasound of the thyroid: solid hypoechoic nodule with microcalcifications.',
  'ECG: sinus rhythm, normal axis, left bundle branch block, ST elevation in V2 and V3.',
  'Atrial fibrillation with rapid ventricular response; QRS duration 120 ms.',
  'Leads I, II, V1, V2, V3, V4, V5, V6 at 500 Hz.',
  'What abnormality is shown in this image? Answer with the diagnosis.',
  'Describe the findings and give the most likely diagnosis.',
  'You are a helpful assistant.',
];

const PROTOCOL: readonly string[] = [
  '<think>The effusion blunts the left costophrenic angle.</think>',
  '```json\n[{"bbox_2d": [12, 30, 44, 52], "label": "pleural effusion"}]\n```',
  '```json\n[{"bbox_2d": [0, 0, 27, 27], "label": "nodule"}, {"bbox_2d": [28, 28, 55, 55], "label": "mass"}]\n```',
  '\\boxed{pleural effusion}',
  '\\boxed{atrial fibrillation, left bundle branch block}',
  '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n',
  '<|vision_start|><|image_pad|><|image_pad|><|vision_end|><|time_series_pad|>',
  '<|im_end|>\n<|im_start|>assistant\n',
];

/**
 * Weighted towards the protocol and the format instruction (which every prompt carries), so their
 * merges win the small vocabulary and test prompts stay short.
 */
export const TEST_PACKAGE_CORPUS: readonly string[] = [
  ...Array.from({ length: 3 }, () => SENTENCES).flat(),
  ...Array.from({ length: 8 }, () => [...PROTOCOL, FORMAT_INSTRUCTION]).flat(),
];
