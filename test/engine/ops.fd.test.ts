import { describe, expect, it } from 'vitest';
import { checkGradients } from './fd.js';
import { OP_CASES } from './op-cases.js';

// float64 ops: autodiff must match central differences to 1e-6 (relative, norm-wise). float32-only ops (Erf,
// Conv, ConvTranspose, AveragePool in ONNX Runtime's CPU provider): 1e-3 against float32 central differences,
// and 1e-4 against central differences of an independent float64 TypeScript reference.
describe('op gradients match finite differences', () => {
  for (const [name, c] of Object.entries(OP_CASES)) {
    it(name, async () => {
      const r = await checkGradients(c);
      if ((c.dtype ?? 'float64') === 'float64') {
        expect(r.relError).toBeLessThan(1e-6);
      } else {
        expect(r.relError).toBeLessThan(1e-3);
      }
      if (c.reference) {
        expect(r.refForwardError).toBeLessThan(1e-5);
        expect(r.refGradError).toBeLessThan(1e-4);
      }
    });
  }
});
