/**
 * The format instruction appended to each question (notes §2). The released wording is not part of the
 * reference, so this is a paraphrase covering its three demands in its order: monologue in think tags,
 * the objects of interest as a fenced JSON list of {bbox_2d, label} BEFORE the analysis, answer boxed.
 * A model package that ships its exact training wording should pass that text instead.
 */
export const FORMAT_INSTRUCTION =
  'First think through the problem as an internal monologue inside <think> </think> tags. ' +
  'Before analysing, list every object of interest relevant to the diagnosis as JSON inside a ```json ' +
  'code block: a list of {"bbox_2d": [x1, y1, x2, y2], "label": "..."} with coordinates in pixels of the ' +
  'image as you see it. Then put the final answer inside \\boxed{}.';

export function formatInstruction(): string {
  return FORMAT_INSTRUCTION;
}
