import type { Timers } from "../collection";

/** Timers that run only when a test moves time on, for the stores' waits. */
export class ManualTimers implements Timers {
  private now = 0;
  private nextHandle = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();

  setTimeout = (callback: () => void, ms: number): number => {
    const handle = this.nextHandle++;
    this.due.set(handle, { at: this.now + ms, callback });
    return handle;
  };

  clearTimeout = (handle: unknown): void => {
    this.due.delete(handle as number);
  };

  /** How many waits are set. */
  get pending(): number {
    return this.due.size;
  }

  /** Moves time on by `ms`, running every wait that falls due, in order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const next = [...this.due].filter(([, timer]) => timer.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!next) break;
      const [handle, timer] = next;
      this.due.delete(handle);
      this.now = timer.at;
      timer.callback();
    }
    this.now = until;
  }
}
