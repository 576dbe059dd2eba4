/** How the four reward parts are mixed (notes §3: "make the weights a setting"). */
export interface RewardWeights {
  f1: number;
  iou: number;
  format: number;
  length: number;
}

/** The reference code (`medical_compute_score`): 0.5·F1 + 0.3·IoU + 0.1·format + 0.1·length. */
export const CODE_WEIGHTS: Readonly<RewardWeights> = Object.freeze({ f1: 0.5, iou: 0.3, format: 0.1, length: 0.1 });

/**
 * The paper: 0.6·r_acc + 0.2·r_IoU + 0.2·r_aux. The paper does not say how r_aux divides between its
 * format and length parts; we split it equally (0.1 each), which keeps those two at the code's values so
 * the two presets differ only in the accuracy/IoU trade-off.
 */
export const PAPER_WEIGHTS: Readonly<RewardWeights> = Object.freeze({ f1: 0.6, iou: 0.2, format: 0.1, length: 0.1 });
