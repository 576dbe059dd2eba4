// Moved to src-shared so the review panel compares labels exactly as the parser and the F1 reward do.
export { normaliseLabel } from '../../../src-shared/rewards/normaliseLabel';
