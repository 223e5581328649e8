/**
 * Prompt-cache hit ratio over the last `size` requests of one provider and model: tokens
 * read from cache over all prompt tokens (fresh input + cache reads + cache writes). Sums are
 * kept as the window slides, so each request costs O(1).
 */
export class CacheRatioWindow {
  private readonly reads: number[] = []
  private readonly prompts: number[] = []
  private next = 0
  private readSum = 0
  private promptSum = 0

  constructor(private readonly size: number) {}

  add(cacheRead: number, promptTokens: number): number {
    if (this.reads.length === this.size) {
      this.readSum -= this.reads[this.next]!
      this.promptSum -= this.prompts[this.next]!
    }
    this.reads[this.next] = cacheRead
    this.prompts[this.next] = promptTokens
    this.next = (this.next + 1) % this.size
    this.readSum += cacheRead
    this.promptSum += promptTokens
    return this.promptSum > 0 ? this.readSum / this.promptSum : 0
  }
}
