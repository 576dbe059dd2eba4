// The GRPO / DRPO training loss (the two differ only in the advantages fed in, computed outside the
// graph in ml/advantages):
//   loss = policyLoss + klCoef · KL(π_θ ‖ π_ref)
// Sign convention: a loss to MINIMISE; the KL term is added (verl's use_kl_loss, not a reward penalty).
import { add, mul, scalar, type GraphBuilder, type Tensor } from '../graph/index.js';
import { assertFinite } from './lossChecks.js';
import { klPenalty, type KlPenaltyInputs } from './klPenalty.js';
import { policyLoss, type PolicyLossInputs, type PolicyLossOutputs } from './policyLoss.js';

/** KL coefficient of the QoQ-Med medical runs (reference §5). */
export const QOQ_MED_KL_COEF = 1e-4;

export interface GrpoObjectiveInputs extends PolicyLossInputs, Pick<KlPenaltyInputs, 'refLogProbs' | 'estimator'> {
  /** β ≥ 0 weighting the KL term; QOQ_MED_KL_COEF in the reference runs. */
  readonly klCoef: number;
}

export interface GrpoObjectiveOutputs extends PolicyLossOutputs {
  /** Scalar total loss to minimise. */
  readonly loss: Tensor;
  /** Scalar clipped policy loss alone (for logging). */
  readonly policyLoss: Tensor;
  /** Scalar KL estimate alone, before the coefficient (for logging). */
  readonly kl: Tensor;
}

export function grpoObjective(g: GraphBuilder, inputs: GrpoObjectiveInputs): GrpoObjectiveOutputs {
  assertFinite('grpoObjective', 'klCoef', inputs.klCoef);
  if (!(inputs.klCoef >= 0)) throw new Error(`grpoObjective: klCoef must be ≥ 0, got ${inputs.klCoef}`);
  const policy = policyLoss(g, inputs);
  const kl = klPenalty(g, inputs);
  const loss = add(g, policy.loss, mul(g, scalar(g, inputs.klCoef, kl.dtype), kl)); // ()
  return { ...policy, loss, policyLoss: policy.loss, kl };
}
