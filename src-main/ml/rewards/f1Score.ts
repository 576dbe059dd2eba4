// The F1 reward lives in src-shared so the review panel scores with the very same function.
export { f1Score } from '../../../src-shared/rewards/f1Score';
