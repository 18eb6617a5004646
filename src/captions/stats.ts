import { mentions, wordsOf } from './postprocess.js';

/** Orders of the distinct-n statistics. */
const NGRAM_ORDERS = [1, 2, 3, 4] as const;

/** Caption-set statistics for the diversity and balance analysis (docs/generate-captions.md, Statistics). */
export interface CaptionStatistics {
  readonly rows: number;
  readonly distinct_captions: number;
  /** Distinct n-grams for n = 1..4, counted over all rows. */
  readonly distinct_ngrams: readonly number[];
  /** distinct-n (Li et al. 2016): distinct n-grams / all n-grams, n = 1..4 (0 when there are none). */
  readonly distinct_n: readonly number[];
  /** Distinct words (= distinct 1-grams). */
  readonly vocabulary: number;
  readonly mean_words: number;
  /** Size of the concept list. */
  readonly concepts: number;
  /** Share of the concept list prompted by at least one row. */
  readonly concept_coverage_prompted: number;
  /** Share of the concept list whose words occur (as a run of whole words) in at least one caption. */
  readonly concept_coverage_mentioned: number;
  /** Share of rows whose caption contains the concept it was prompted with. */
  readonly concept_mention_rate: number;
  /** Entropy of the rows' prompted concepts, in bits. */
  readonly concept_entropy_bits: number;
  /** concept_entropy_bits / log2(|concepts|): 1 for a uniform spread over the whole list. */
  readonly concept_balance: number;
}

/** Adds rows one at a time, so a periodic flush can carry the statistics so far without a pass over all rows. */
export class CaptionStats {
  private rows = 0;
  private words = 0;
  private mentionedOwn = 0;
  private readonly captions = new Set<string>();
  private readonly ngrams: Set<string>[] = NGRAM_ORDERS.map(() => new Set());
  private readonly ngramTotals = NGRAM_ORDERS.map(() => 0);
  private readonly prompted = new Map<string, number>();
  private readonly unmentioned: Set<string>;

  constructor(private readonly concepts: readonly string[]) {
    this.unmentioned = new Set(concepts);
  }

  add(caption: string, concept: string): void {
    const words = wordsOf(caption);
    this.rows++;
    this.words += words.length;
    this.captions.add(caption);
    NGRAM_ORDERS.forEach((n, k) => {
      for (let i = 0; i + n <= words.length; i++) this.ngrams[k].add(words.slice(i, i + n).join(' '));
      this.ngramTotals[k] += Math.max(0, words.length - n + 1);
    });
    this.prompted.set(concept, (this.prompted.get(concept) ?? 0) + 1);
    if (mentions(caption, concept)) this.mentionedOwn++;
    for (const c of this.unmentioned) if (mentions(caption, c)) this.unmentioned.delete(c);
  }

  summary(): CaptionStatistics {
    const c = this.concepts.length;
    let entropy = 0;
    for (const k of this.prompted.values()) entropy -= (k / this.rows) * Math.log2(k / this.rows);
    const promptedFromList = this.concepts.filter((x) => this.prompted.has(x)).length;
    return {
      rows: this.rows,
      distinct_captions: this.captions.size,
      distinct_ngrams: this.ngrams.map((s) => s.size),
      distinct_n: this.ngrams.map((s, k) => (this.ngramTotals[k] ? s.size / this.ngramTotals[k] : 0)),
      vocabulary: this.ngrams[0].size,
      mean_words: this.rows ? this.words / this.rows : 0,
      concepts: c,
      concept_coverage_prompted: c ? promptedFromList / c : 0,
      concept_coverage_mentioned: c ? (c - this.unmentioned.size) / c : 0,
      concept_mention_rate: this.rows ? this.mentionedOwn / this.rows : 0,
      concept_entropy_bits: entropy,
      concept_balance: c > 1 ? entropy / Math.log2(c) : this.rows ? 1 : 0,
    };
  }
}
