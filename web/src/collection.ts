import { QueryClient } from "@tanstack/query-core";
import { queryCollectionOptions } from "@tanstack/query-db-collection";
import { createCollection } from "@tanstack/react-db";
import { ApiError, type TodoApi, type TodoUpdate, retryRead } from "./api";
import type { Todo, TodoChange } from "./todo";
import { VersionGate } from "./versions";

export interface TodoStoreOptions {
  /** The list these todos belong to. */
  listId: string;
  /** The todo contract scoped to that list. */
  api: TodoApi;
  /** Told about every write the server refused; the optimistic state is already rolled back. */
  onWriteError?: (error: Error) => void;
  /** Asked for a fresh full read when the server says a todo is gone. */
  onStale?: () => void;
  queryClient?: QueryClient;
}

let collections = 0;

/**
 * One list's todos collection and everything that writes into its synced state: full reads, the
 * server's answers to this page's writes, and live changes. All three go through one
 * {@link VersionGate}, so whichever copy of a change arrives last cannot undo a newer one.
 *
 * Each list is its own collection, created when the list is opened and cleaned up when the person
 * leaves it (see {@link ListWorkspace} for why), so the gate, the record of the page's own writes
 * and the per-todo write order are per list too: todo ids are unique only within their list.
 */
export function createTodoStore(options: TodoStoreOptions) {
  const { api, listId } = options;
  const gate = new VersionGate();
  const ownWrites = new OwnWrites();
  const keyLock = new KeyLock();
  const queryClient =
    options.queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: retryRead, staleTime: Infinity } } });
  const queryKey = ["lists", listId, "todos"];
  // Writes whose handler has not finished; the collection is cleaned up only when there are none.
  let inFlight = 0;
  const idle: (() => void)[] = [];
  const tracked = async <T>(work: () => Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await work();
    } finally {
      if (--inFlight === 0) idle.splice(0).forEach((resolve) => resolve());
    }
  };

  /** Tells the person, unless the write's caller said it tells them itself (metadata `quiet`). */
  const reportError = (error: unknown, mutations: readonly { metadata: unknown }[] = []): never => {
    const readable = error instanceof Error ? error : new Error(String(error));
    const quiet = mutations.length > 0 && mutations.every((m) => (m.metadata as { quiet?: boolean } | undefined)?.quiet === true);
    if (!quiet) options.onWriteError?.(readable);
    throw readable;
  };

  const collection = createCollection(
    queryCollectionOptions<Todo>({
      id: `todos:${listId}:${++collections}`,
      queryKey,
      queryClient,
      getKey: (todo) => todo.id,
      // Reads happen when the live connection asks for them (socket open first, then read), so
      // no change can fall between the read and the first live frame.
      enabled: false,
      startSync: true,
      staleTime: Infinity,
      queryFn: async ({ signal }) => {
        const todos = await api.list(signal);
        gate.snapshot(todos);
        return todos;
      },

      onInsert: ({ transaction }) => tracked(async () => {
        const ids = transaction.mutations.map((mutation) => String(mutation.key));
        await keyLock.run(ids, async () => {
          try {
            const created = await Promise.all(
              transaction.mutations.map(({ modified }) =>
                api.create({ id: modified.id, name: modified.name, status: modified.status }),
              ),
            );
            created.forEach((todo) => ownWrites.record(todo.id, 0, todo.version));
            await apply(created.map((todo) => ({ op: "upsert", todo })));
          } catch (error) {
            if (error instanceof ApiError && error.listGone) options.onStale?.();
            reportError(error, transaction.mutations);
          }
        });
        return { refetch: false };
      }),

      onUpdate: ({ transaction }) => tracked(async () => {
        const ids = transaction.mutations.map((mutation) => String(mutation.key));
        await keyLock.run(ids, async () => {
          // The version each edit was made on, counting this page's own earlier writes.
          // A rename carries the version its edit was started on (metadata `seenVersion`): a
          // change that arrived live while the person typed must still count as a conflict.
          const bases = transaction.mutations.map(({ key, original, metadata }) =>
            ownWrites.rebase(String(key), (metadata as { seenVersion?: number } | undefined)?.seenVersion ?? original.version),
          );
          const updates: TodoUpdate[] = transaction.mutations.map(({ key, changes }, i) => {
            const update: TodoUpdate = { id: String(key), changes: {} };
            if (changes.name !== undefined) update.changes.name = changes.name;
            if (changes.status !== undefined) update.changes.status = changes.status;
            // A rename must not overwrite someone else's rename unseen; a checkbox states its
            // intent outright, so a toggle wins over whatever came before.
            if (update.changes.name !== undefined) update.version = bases[i];
            return update;
          });
          try {
            const updated = await api.update(updates);
            updated.forEach((todo, i) => ownWrites.record(todo.id, bases[i] ?? 0, todo.version));
            await apply(updated.map((todo) => ({ op: "upsert", todo })));
          } catch (error) {
            await catchUp(error);
            reportError(error, transaction.mutations);
          }
        });
        return { refetch: false };
      }),

      onDelete: ({ transaction }) => tracked(async () => {
        const ids = transaction.mutations.map((mutation) => String(mutation.key));
        await keyLock.run(ids, async () => {
          try {
            await api.delete(ids);
            // Ids the server did not have are gone too; either way the synced state drops them.
            await apply(gate.deletedChanges(ids));
          } catch (error) {
            if (error instanceof ApiError && error.listGone) options.onStale?.();
            reportError(error);
          }
        });
        return { refetch: false };
      }),
    }),
  );

  /** Writes the changes that are newer than what the collection holds, as one batch. */
  async function apply(changes: readonly TodoChange[]): Promise<void> {
    const { upserts, deletes } = gate.plan(changes);
    if (upserts.length === 0 && deletes.length === 0) return;
    const utils = collection.utils;
    await utils.writeBatch(() => {
      if (upserts.length > 0) void utils.writeUpsert(upserts);
      if (deletes.length > 0) void utils.writeDelete(deletes);
    });
  }

  /** After a refused write, show the person the version that won, not the one they had. */
  async function catchUp(error: unknown): Promise<void> {
    if (!(error instanceof ApiError)) return;
    // A todo gone, or the whole list gone for this person: a fresh read tells which, and the
    // workspace moves the person on from a list that is gone.
    if (error.status === 404) {
      options.onStale?.();
      return;
    }
    if (error.status !== 409) return;
    const current = await Promise.all(
      error.conflicts.map(async ({ id, currentVersion }): Promise<TodoChange> => {
        const todo = await api.get(id).catch(() => undefined);
        return todo ? { op: "upsert", todo } : { op: "delete", id, version: currentVersion + 1 };
      }),
    );
    await apply(current).catch(() => undefined);
  }

  /** A full read of the server's todos into the collection. */
  async function refetch(): Promise<void> {
    await collection.utils.refetch({ throwOnError: true });
  }

  /**
   * Lets the list go: once the writes already sent have their answers (so each still rolls back
   * or confirms, with its notice), the collection stops and its rows and cached read are dropped.
   * With `now`, it goes at once: the list is gone, and no answer can be applied to it any more.
   */
  async function dispose(now = false): Promise<void> {
    if (!now && inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
    // The list's view is still on screen until React's next commit unmounts it; a collection
    // cleaned up under a live query puts that query into an error state (TanStack DB error 152)
    // in the middle of React's work, and the page was left with two lists' views. So the
    // collection goes once nothing reads it any more.
    await unsubscribed();
    await collection.cleanup();
    queryClient.removeQueries({ queryKey, exact: true });
  }

  function unsubscribed(): Promise<void> {
    if (collection.subscriberCount === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const off = collection.on("subscribers:change", ({ subscriberCount }) => {
        if (subscriberCount > 0) return;
        off();
        resolve();
      });
    });
  }

  return { listId, collection, apply, refetch, dispose };
}

export type TodoStore = ReturnType<typeof createTodoStore>;
export type TodoCollection = TodoStore["collection"];

/**
 * Versions this page's own writes moved todos from and to. An edit made on top of the page's own
 * unconfirmed edit carries the version the person saw before both; it is moved on to the version
 * the first edit produced, so a quick second edit is not taken for a conflict with oneself.
 */
class OwnWrites {
  private readonly moves = new Map<string, Map<number, number>>();

  record(id: string, from: number, to: number): void {
    let moves = this.moves.get(id);
    if (!moves) this.moves.set(id, (moves = new Map()));
    moves.set(from, to);
  }

  rebase(id: string, version: number): number {
    const moves = this.moves.get(id);
    let current = version;
    for (let next = moves?.get(current); next !== undefined && next > current; next = moves?.get(current)) {
      current = next;
    }
    return current;
  }
}

/** Runs writes that touch the same todos one after another, in the order they were made. */
class KeyLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const before = keys.map((key) => this.tails.get(key) ?? Promise.resolve());
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    for (const key of keys) this.tails.set(key, done);
    try {
      await Promise.all(before);
      return await work();
    } finally {
      release();
      for (const key of keys) if (this.tails.get(key) === done) this.tails.delete(key);
    }
  }
}
