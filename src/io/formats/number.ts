/**
 * A numeric token of a text table, or undefined if it is not one. NaN and infinities written the usual ways
 * (`NaN`, `nan`, `Inf`, `-inf`, `Infinity`) are read as such, so that the stage using the data can name them.
 */
export function parseNumber(token: string): number | undefined {
  const t = token.trim();
  if (t === '') return undefined;
  const v = Number(t);
  if (!Number.isNaN(v)) return v;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  const inf = /^([+-]?)inf(inity)?$/i.exec(t);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return undefined;
}
