import { QueryClient } from "@tanstack/query-core";
import { queryCollectionOptions } from "@tanstack/query-db-collection";
import { createCollection } from "@tanstack/react-db";
import { type LivetodosApi, retryRead } from "./api";
import type { TodoListInfo } from "./todo";

export interface ListStoreOptions {
  api: LivetodosApi;
  /** Told about every list write the server refused; the optimistic state is already rolled back. */
  onWriteError?: (error: Error) => void;
  /**
   * Told when a list's next version arrives (a rename, from a frame or this page's own answer):
   * its `seq` is the rename's, a place in the list's sequence that no todo change takes.
   */
  onRenamed?: (list: TodoListInfo) => void;
  queryClient?: QueryClient;
}

/** Metadata of a delete from the lists collection: the person leaves the list rather than deleting it. */
export interface LeaveList {
  leave: { userId: string };
}

/**
 * The person's lists with their role in each, from `GET /api/lists`, kept current by `list`
 * frames and by the answers to this page's own list writes (create, rename, delete, leave; each
 * optimistic, rolled back when refused). A list's `version` moves on with every rename, so a
 * late copy of an older `list upsert` cannot undo a newer name; the same version is taken again,
 * because being added back to a list brings the same list with perhaps another role.
 */
export function createListStore(options: ListStoreOptions) {
  const { api } = options;
  const queryClient =
    options.queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: retryRead, staleTime: Infinity } } });

  // The version of each list the synced state holds (the collection itself shows optimistic rows).
  const synced = new Map<string, number>();

  const report = (error: unknown): never => {
    const readable = error instanceof Error ? error : new Error(String(error));
    options.onWriteError?.(readable);
    throw readable;
  };

  const collection = createCollection(
    queryCollectionOptions<TodoListInfo>({
      id: "lists",
      queryKey: ["lists"],
      queryClient,
      getKey: (list) => list.id,
      // Read when the live connection asks (socket first, then the read), like the todos.
      enabled: false,
      startSync: true,
      staleTime: Infinity,
      queryFn: async ({ signal }) => {
        const lists = await api.lists(signal);
        synced.clear();
        for (const list of lists) synced.set(list.id, list.version);
        return lists;
      },

      onInsert: async ({ transaction }) => {
        try {
          const created = await Promise.all(
            transaction.mutations.map(({ modified }) => api.createList({ id: modified.id, name: modified.name })),
          );
          await apply(created.map((list) => ({ op: "upsert", list })));
        } catch (error) {
          report(error);
        }
        return { refetch: false };
      },

      onUpdate: async ({ transaction }) => {
        try {
          const renamed = await Promise.all(
            transaction.mutations.map(({ key, modified, original }) => api.renameList(String(key), modified.name, original.version)),
          );
          await apply(renamed.map((list) => ({ op: "upsert", list })));
        } catch (error) {
          // A 409 means someone renamed it first: show their name.
          await refetch().catch(() => undefined);
          report(error);
        }
        return { refetch: false };
      },

      onDelete: async ({ transaction }) => {
        try {
          await Promise.all(
            transaction.mutations.map(({ key, metadata }) => {
              const leave = (metadata as Partial<LeaveList> | undefined)?.leave;
              return leave ? api.removeMember(String(key), leave.userId) : api.deleteList(String(key));
            }),
          );
          await apply(transaction.mutations.map(({ key }) => ({ op: "removed", listId: String(key) })));
        } catch (error) {
          report(error);
        }
        return { refetch: false };
      },
    }),
  );

  /** Writes `list` frames (or answers in their shape) into the synced state. */
  async function apply(changes: readonly ListChange[]): Promise<void> {
    const upserts = new Map<string, TodoListInfo>();
    const removed = new Set<string>();
    const renamed: TodoListInfo[] = [];
    for (const change of changes) {
      if (change.op === "upsert") {
        removed.delete(change.list.id);
        const held = upserts.get(change.list.id)?.version ?? synced.get(change.list.id);
        if (held !== undefined && change.list.version < held) continue;
        if (held !== undefined && change.list.version === held + 1) renamed.push(change.list);
        upserts.set(change.list.id, change.list);
      } else {
        upserts.delete(change.listId);
        removed.add(change.listId);
      }
    }
    const deletes = [...removed].filter((id) => synced.has(id));
    if (upserts.size === 0 && deletes.length === 0) return;
    for (const list of upserts.values()) synced.set(list.id, list.version);
    for (const id of deletes) synced.delete(id);
    const utils = collection.utils;
    await utils.writeBatch(() => {
      if (upserts.size > 0) void utils.writeUpsert([...upserts.values()]);
      if (deletes.length > 0) void utils.writeDelete(deletes);
    });
    for (const list of renamed) options.onRenamed?.(list);
  }

  async function refetch(): Promise<void> {
    await collection.utils.refetch({ throwOnError: true });
  }

  /** The lists' ids in the server's order (a read's order, lists that arrived later after it). */
  function order(): string[] {
    return [...synced.keys()];
  }

  return { collection, apply, refetch, order };
}

export type ListChange = { op: "upsert"; list: TodoListInfo } | { op: "removed"; listId: string };
export type ListStore = ReturnType<typeof createListStore>;
export type ListCollection = ListStore["collection"];
