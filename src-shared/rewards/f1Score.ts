import { normaliseLabel } from './normaliseLabel';

/**
 * Accuracy reward (notes §3): F1 between the predicted and ground-truth label SETS. Labels are compared
 * after normaliseLabel (case, Unicode form and whitespace ignored; the reference compares raw strings,
 * which would punish "Pneumonia" against "pneumonia" although the model is right). Duplicates collapse,
 * empty labels are dropped. `null` predictions mean no \boxed{} answer and score 0, as does an empty
 * ground truth: with nothing to find there is no precision/recall to reward (the reference's 0/0 → 0).
 */
export function f1Score(predLabels: readonly string[] | null, gtLabels: readonly string[]): number {
  if (predLabels === null) return 0;
  const pred = labelSet(predLabels);
  const gt = labelSet(gtLabels);
  let truePositives = 0;
  for (const label of pred) if (gt.has(label)) truePositives++;
  const falsePositives = pred.size - truePositives;
  const falseNegatives = gt.size - truePositives;
  // 2PR/(P+R) simplified to 2TP/(2TP+FP+FN); it is 0 whenever TP is 0, including both sets empty.
  return truePositives === 0 ? 0 : (2 * truePositives) / (2 * truePositives + falsePositives + falseNegatives);
}

function labelSet(labels: readonly string[]): Set<string> {
  return new Set(labels.map(normaliseLabel).filter((l) => l.length > 0));
}
