import type { LeaderElection } from "@tanstack/offline-transactions";

/** The part of the Web Locks API the election uses (`navigator.locks`). */
export interface Locks {
  request(name: string, options: { ifAvailable?: boolean }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
  request(name: string, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
}

/**
 * Which of a browser's tabs replays the outbox: the one holding a Web Lock. Unlike the package's
 * own `WebLocksLeader`, which asks for the lock once (`ifAvailable`) and never again, a tab that
 * did not get it queues for it, so when the leader's tab closes or reloads, another tab takes the
 * outbox over (and replays what the closed tab left in it).
 */
export class QueueingWebLocksLeader implements LeaderElection {
  private leader = false;
  private release: (() => void) | undefined;
  private released = false;
  private readonly listeners = new Set<(isLeader: boolean) => void>();

  constructor(
    private readonly name: string,
    private readonly locks: Locks = navigator.locks as unknown as Locks,
  ) {}

  /** Resolves with whether this tab leads now; a tab that does not is told when it comes to. */
  requestLeadership(): Promise<boolean> {
    this.released = false;
    return new Promise((resolveFirst) => {
      const hold = () =>
        new Promise<void>((resolve) => {
          this.release = resolve;
          if (this.released) resolve();
        });
      void this.locks.request(this.name, { ifAvailable: true }, async (lock) => {
        if (lock) {
          this.leader = true;
          resolveFirst(true);
          await hold();
          return;
        }
        resolveFirst(false);
        // In the queue: granted when the leading tab closes, reloads or lets go.
        void this.locks.request(this.name, async () => {
          if (this.released) return;
          this.set(true);
          await hold();
        });
      });
    });
  }

  releaseLeadership(): void {
    this.released = true;
    this.release?.();
    this.release = undefined;
    this.set(false);
  }

  isLeader(): boolean {
    return this.leader;
  }

  onLeadershipChange(callback: (isLeader: boolean) => void): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  private set(isLeader: boolean): void {
    if (this.leader === isLeader) return;
    this.leader = isLeader;
    this.listeners.forEach((listener) => listener(isLeader));
  }
}
