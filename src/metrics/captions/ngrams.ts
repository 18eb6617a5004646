/**
 * Raw counts of the n-grams of orders 1..maxN in a token list: element n-1 maps an n-gram (its tokens joined by
 * single spaces, unambiguous as tokens hold no whitespace) to its count. Maps keep first-occurrence order, the order
 * coco-caption's precook fills its dict in, so sums over them add in the reference code's order.
 */
export function ngramCounts(tokens: readonly string[], maxN: number): Map<string, number>[] {
  const counts: Map<string, number>[] = [];
  for (let n = 1; n <= maxN; n++) {
    const order = new Map<string, number>();
    for (let i = 0; i + n <= tokens.length; i++) {
      const gram = tokens.slice(i, i + n).join(' ');
      order.set(gram, (order.get(gram) ?? 0) + 1);
    }
    counts.push(order);
  }
  return counts;
}
