export const OTHER = "other"

/** Longer label values are cut: a client-chosen model name must not bloat every series. */
export const MAX_LABEL_LENGTH = 128

/**
 * Bounds a label's cardinality: the first `max` distinct values are kept, later ones
 * become "other", so a client sending random model names cannot grow /metrics without end.
 * A value gets a slot only when `admit` says so (say, the request reached upstream), so
 * requests that failed before then cannot use the slots up.
 */
export class LabelCap {
  private readonly kept = new Set<string>()

  constructor(private readonly max: number) {}

  value(raw: string, admit = true): string {
    const value = raw.slice(0, MAX_LABEL_LENGTH)
    if (this.kept.has(value)) return value
    if (!admit || this.kept.size >= this.max) return OTHER
    this.kept.add(value)
    return value
  }
}
