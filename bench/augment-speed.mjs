// Time of augmentBatch for 128 rows x 4 views (2 large + 2 small) of 28x28, the per-step cost SSL training adds.
// Usage: npm run build && node bench/augment-speed.mjs [maskProb ...]   (default: 0 0.1 1)
import { augmentBatch, defaultPolicy } from '../dist/augment/index.js';
import { Rng } from '../dist/common/random.js';

const shape = { height: 28, width: 28, channels: 1 };
const px = 28 * 28;
const rows = 128;
const rng = new Rng(1);
// Fashion-MNIST-like images: a bright blob on a dark background, so saliency masks are not degenerate.
const images = new Float32Array(rows * px);
for (let r = 0; r < rows; r++) {
  const cx = 8 + rng.int(12);
  const cy = 8 + rng.int(12);
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) images[r * px + y * 28 + x] = Math.max(0, 1 - Math.hypot(x - cx, y - cy) / 9) * (0.7 + 0.3 * rng.uniform());
}
const all = Int32Array.from({ length: rows }, (_, i) => i);
console.log('| maskProb | best wall ms | median wall ms | median CPU ms |\n|---|---|---|---|');
for (const maskProb of (process.argv.slice(2).length ? process.argv.slice(2) : ['0', '0.1', '1']).map(Number)) {
  const policy = defaultPolicy({ maskProb });
  const out = new Float32Array(4 * rows * px);
  for (let i = 0; i < 10; i++) augmentBatch(images, shape, all, policy, rng, out);
  const wall = [];
  const cpu = [];
  for (let i = 0; i < 51; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    augmentBatch(images, shape, all, policy, rng, out);
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  console.log(`| ${maskProb} | ${Math.min(...wall).toFixed(1)} | ${med(wall).toFixed(1)} | ${med(cpu).toFixed(1)} |`);
}
