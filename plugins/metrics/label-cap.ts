export const OTHER = "other"

/**
 * Bounds a label's cardinality: the first `max` distinct values are kept, later ones
 * become "other", so a client sending random model names cannot grow /metrics without end.
 */
export class LabelCap {
  private readonly kept = new Set<string>()

  constructor(private readonly max: number) {}

  value(raw: string): string {
    if (this.kept.has(raw)) return raw
    if (this.kept.size >= this.max) return OTHER
    this.kept.add(raw)
    return raw
  }
}
