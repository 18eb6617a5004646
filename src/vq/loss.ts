/**
 * The VQ-VAE objective with an EMA codebook: reconstruction MSE plus beta times the commitment term
 * ||z - sg(q)||^2 (both means over elements). The codebook term ||sg(z) - q||^2 of the paper's equation 3 is
 * absent because the EMA update (ema.ts) moves the codebook instead.
 */
import type { Value } from '../engine/graph.js';
import { mse } from '../engine/nn/index.js';
import { add, mul, stopGradient } from '../engine/ops/index.js';

export const VQ_DEFAULT_COMMITMENT = 0.25;

export interface VqLoss {
  loss: Value;
  reconstruction: Value;
  commitment: Value;
}

/** x and its reconstruction [batch, pixels]; z the encoder vectors and q their codes [N, D]. */
export function vqLoss(x: Value, reconstruction: Value, z: Value, q: Value, beta: number): VqLoss {
  const rec = mse(reconstruction, x);
  const commitment = mse(z, stopGradient(q));
  return { loss: add(rec, mul(commitment, beta)), reconstruction: rec, commitment };
}
