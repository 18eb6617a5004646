// Research helper: loads the 99 CDT Tübingen pairs with their pairmeta weights (cause is always column A here).
import { readFileSync } from 'node:fs';
const DIR = '/work/shared/data/tuebingen';
export function loadTuebingen() {
  const meta = new Map();
  for (const line of readFileSync(`${DIR}/pairmeta.txt`, 'utf8').trim().split('\n')) {
    const f = line.trim().split(/\s+/);
    meta.set(Number(f[0]), Number(f[5]));
  }
  const rows = readFileSync(`${DIR}/Tuebingen_pairs.csv`, 'utf8').trim().split('\n').slice(1);
  return rows.map((row) => {
    const [id, a, b] = row.split(',');
    const k = Number(id.replace('pair', ''));
    const orig = k <= 51 ? k : k <= 66 ? k + 4 : k + 5;
    const parse = (s) => Float64Array.from(s.trim().split(/\s+/).map(Number));
    return { id, orig, weight: meta.get(orig), a: parse(a), b: parse(b) };
  });
}
