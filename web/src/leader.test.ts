import { describe, expect, it } from "vitest";
import { type Locks, QueueingWebLocksLeader } from "./leader";

/** Web Locks as a browser holds them for its tabs: one holder per name, the others queued in turn. */
class FakeLocks implements Locks {
  private held = new Set<string>();
  private readonly queues = new Map<string, (() => void)[]>();

  request(name: string, a: { ifAvailable?: boolean } | ((lock: unknown) => Promise<void>), b?: (lock: unknown) => Promise<void>): Promise<unknown> {
    const options = typeof a === "function" ? {} : a;
    const callback = (typeof a === "function" ? a : b)!;
    const run = async () => {
      this.held.add(name);
      try {
        await callback({ name });
      } finally {
        this.held.delete(name);
        this.queues.get(name)?.shift()?.();
      }
    };
    if (!this.held.has(name)) return run();
    if (options.ifAvailable) return callback(null);
    return new Promise((resolve) => {
      const queue = this.queues.get(name) ?? [];
      queue.push(() => void run().then(resolve));
      this.queues.set(name, queue);
    });
  }
}

describe("which tab replays the outbox", () => {
  it("givenTwoTabs_thenTheFirstLeadsAndTheSecondTakesOverWhenTheFirstLetsGo", async () => {
    const locks = new FakeLocks();
    const first = new QueueingWebLocksLeader("outbox", locks);
    const second = new QueueingWebLocksLeader("outbox", locks);
    const changes: boolean[] = [];
    second.onLeadershipChange((leader) => changes.push(leader));

    expect(await first.requestLeadership()).toBe(true);
    expect(await second.requestLeadership()).toBe(false);
    expect(second.isLeader()).toBe(false);

    first.releaseLeadership(); // the first tab closes
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(second.isLeader()).toBe(true);
    expect(changes).toEqual([true]);
  });
});
