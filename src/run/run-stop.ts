import type { DeliveryStop } from '../alert/index.ts';

/**
 * A stop asked of a run by its process's signal handler (Ctrl-C, SIGTERM). The handler ends the process; before it
 * does, the work the run holds finishes: an alert being handed to its channel, and its marking (cut short, it would
 * be sent again by the next run), and a digest being written (cut short, it would replace a whole one). Once asked,
 * the run hands no more alerts over and begins no digest.
 */
export class RunStop implements DeliveryStop {
  #reason: string | null = null;
  /** The work held, each with what it is. */
  readonly #held = new Map<Promise<unknown>, string>();

  get requested(): boolean {
    return this.#reason !== null;
  }

  /** Why the run was stopped (`interrupted by SIGTERM`), once it was. */
  get reason(): string | null {
    return this.#reason;
  }

  /** What the work held now is: what a stop asked now waits for. */
  underWay(): string[] {
    return [...this.#held.values()];
  }

  hold<T>(work: Promise<T>, what: string): Promise<T> {
    this.#held.set(work, what);
    const release = () => void this.#held.delete(work);
    work.then(release, release);
    return work;
  }

  /** Ends the run's work here once a stop was asked: throws RunStoppedError. */
  throwIfRequested(): void {
    if (this.#reason !== null) throw new RunStoppedError(this.#reason);
  }

  /** Asks the run to stop, for `reason`; resolves once the work it holds has finished. */
  async request(reason: string): Promise<void> {
    this.#reason ??= reason;
    await Promise.allSettled([...this.#held.keys()]);
  }
}

/** The run stopped where a stop asked of it (RunStop) takes effect: before writing a digest. */
export class RunStoppedError extends Error {
  override name = 'RunStoppedError';
}
