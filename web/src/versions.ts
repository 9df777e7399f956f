import type { Todo, TodoChange } from "./todo";

/** What to write into the collection's synced state for one batch of changes. */
export interface Writes {
  upserts: Todo[];
  deletes: string[];
}

interface Known {
  version: number;
  present: boolean;
}

/**
 * Which version of each todo the collection's synced state holds, so a change is applied only
 * when it is newer. Delivery is at-least-once and ordered per todo only, so duplicates, replays
 * after a reconnect and answers that cross a live change on the wire must all be harmless.
 * A deleted todo is remembered with its delete's version, so a late copy of an older upsert
 * cannot bring it back.
 */
export class VersionGate {
  private readonly known = new Map<string, Known>();

  /** A full read replaced the synced state: it now holds exactly these todos. */
  snapshot(todos: readonly Todo[]): void {
    const listed = new Set<string>();
    for (const todo of todos) {
      listed.add(todo.id);
      this.known.set(todo.id, { version: todo.version, present: true });
    }
    for (const [id, entry] of this.known) {
      if (entry.present && !listed.has(id)) this.known.set(id, { version: entry.version, present: false });
    }
  }

  /**
   * The writes that bring the synced state up to these changes, recorded as done. Changes to one
   * todo are coalesced to the newest; older or repeated ones are dropped; a delete of a todo the
   * collection does not hold only moves its version on.
   */
  plan(changes: readonly TodoChange[]): Writes {
    const newest = new Map<string, TodoChange>();
    for (const change of changes) {
      const id = idOf(change);
      const seen = newest.get(id);
      if (!seen || versionOf(change) > versionOf(seen)) newest.set(id, change);
    }
    const writes: Writes = { upserts: [], deletes: [] };
    for (const [id, change] of newest) {
      const held = this.known.get(id);
      if (held && versionOf(change) <= held.version) continue;
      if (change.op === "upsert") {
        writes.upserts.push(change.todo);
        this.known.set(id, { version: change.todo.version, present: true });
      } else {
        if (held?.present) writes.deletes.push(id);
        this.known.set(id, { version: change.version, present: false });
      }
    }
    return writes;
  }

  /** The version of a todo the synced state holds, if it holds it. */
  versionOf(id: string): number | undefined {
    const held = this.known.get(id);
    return held?.present ? held.version : undefined;
  }

  /** The delete answer carries no version: it is at least one past the last version known. */
  deletedChanges(ids: readonly string[]): TodoChange[] {
    return ids.map((id) => ({ op: "delete", id, version: (this.known.get(id)?.version ?? 0) + 1 }));
  }
}

function idOf(change: TodoChange): string {
  return change.op === "upsert" ? change.todo.id : change.id;
}

function versionOf(change: TodoChange): number {
  return change.op === "upsert" ? change.todo.version : change.version;
}
