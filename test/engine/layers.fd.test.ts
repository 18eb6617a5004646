import { describe, expect, it } from 'vitest';
import { checkGradients } from './fd.js';
import { LAYER_CASES } from './layer-cases.js';

// Same criterion as the ops: 1e-6 in float64; 2e-3 for layers built on float32-only kernels (conv, erf).
describe('layer and loss gradients match finite differences', () => {
  for (const [name, c] of Object.entries(LAYER_CASES)) {
    it(name, async () => {
      const r = await checkGradients(c);
      expect(r.relError).toBeLessThan((c.dtype ?? 'float64') === 'float64' ? 1e-6 : 2e-3);
    });
  }
});
