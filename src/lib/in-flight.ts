/**
 * Counts the calls still being served, so that shutdown closes the stores only after the last
 * call has written its audit row and settled its ledger entry.
 *
 * Why the server's own close() is not enough: node:http reports "closed" once no connection is
 * left, and a client that gives up (closes its socket) while its call waits on bunq leaves no
 * connection behind. The call still runs to its end (bunq may already have moved the money),
 * so its rows must still find an open database.
 */
export class InFlightCalls {
  #running = 0;
  #idle: (() => void)[] = [];

  get running(): number {
    return this.#running;
  }

  /** Marks one call as started; the returned function marks it finished (call it once). */
  enter(): () => void {
    this.#running++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.#running === 0) for (const wake of this.#idle.splice(0)) wake();
    };
  }

  /** Resolves once no call is running (at once if none is). */
  idle(): Promise<void> {
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}
