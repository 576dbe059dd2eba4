/**
 * The pure parts of the QoQ-Med rewards (notes §3) that both runtimes need: the trainer scores rollouts
 * with them (src-main/ml/rewards re-exports these very functions) and the review panel shows a study's
 * label F1 and each box's IoU with them, so the UI cannot drift from what training rewards.
 * Browser-safe: no Node built-ins, nothing from src-main (ESLint enforces both).
 */
export { f1Score } from './f1Score';
export { iouScore, type GroundTruthRegion } from './iouScore';
export { createForegroundCounter, foregroundCounterFor, type ForegroundCounter, type GroundTruthMask } from './foregroundCounter';
export { normaliseLabel } from './normaliseLabel';
export { rectArea, rectIntersectionArea, toPixelRect, type PixelBounds, type PixelRect } from './toPixelRect';
