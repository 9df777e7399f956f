import type { TodoStore } from "./collection";
import type { StoreHost } from "./outbox";

/**
 * The lists' stores alive on the page: the open list's, and those of lists the outbox still has
 * writes for (a write is sent, and its answer applied, through its list's store). One store per
 * list at a time, so one collection per list: a persisted list's collection id names its rows in
 * the database and its writes in the outbox. A store nobody holds any more is let go once the
 * writes it is sending have their answers, unless it is wanted again meanwhile.
 */
export class TodoStores implements StoreHost {
  private readonly entries = new Map<string, { store: TodoStore; holds: number }>();

  constructor(private readonly create: (listId: string) => TodoStore) {}

  acquire(listId: string): TodoStore {
    let entry = this.entries.get(listId);
    if (!entry) this.entries.set(listId, (entry = { store: this.create(listId), holds: 0 }));
    entry.holds++;
    return entry.store;
  }

  /** Lets go of one hold; with `now`, the list is gone: its store goes at once whoever holds it. */
  release(listId: string, now = false): void {
    const entry = this.entries.get(listId);
    if (!entry) return;
    entry.holds = now ? 0 : Math.max(0, entry.holds - 1);
    if (entry.holds > 0) return;
    if (now) {
      this.entries.delete(listId);
      void entry.store.dispose(true);
      return;
    }
    void entry.store.idle().then(() => {
      if (this.entries.get(listId) !== entry || entry.holds > 0) return;
      this.entries.delete(listId);
      void entry.store.dispose();
    });
  }

  get(listId: string): TodoStore | undefined {
    return this.entries.get(listId)?.store;
  }

  all(): TodoStore[] {
    return [...this.entries.values()].map((entry) => entry.store);
  }
}
