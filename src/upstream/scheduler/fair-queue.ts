/**
 * The waiting calls of ONE rate-limit bucket, served round-robin across tokens: each token has
 * its own FIFO, and every free slot goes to the next token in the ring, so a token that queued a
 * thousand calls delays another token's call by at most one slot (per bucket).
 */
export class FairQueue<T> {
  readonly #byToken = new Map<string, T[]>();
  /** Tokens with waiting calls, in serving order. */
  readonly #ring: string[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(tokenId: string, item: T): void {
    this.#queueOf(tokenId).push(item);
    this.#size++;
  }

  /** Puts a call back at the head of its token's queue (a retry keeps its place). */
  unshift(tokenId: string, item: T): void {
    this.#queueOf(tokenId).unshift(item);
    this.#size++;
  }

  /** The next call in round-robin order, or undefined when empty. */
  shift(): T | undefined {
    const tokenId = this.#ring.shift();
    if (tokenId === undefined) return undefined;
    const queue = this.#byToken.get(tokenId)!;
    const item = queue.shift()!;
    this.#size--;
    if (queue.length > 0) this.#ring.push(tokenId);
    else this.#byToken.delete(tokenId);
    return item;
  }

  #queueOf(tokenId: string): T[] {
    let queue = this.#byToken.get(tokenId);
    if (!queue) {
      this.#byToken.set(tokenId, (queue = []));
      this.#ring.push(tokenId);
    }
    return queue;
  }
}
