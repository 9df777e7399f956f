import { type PersistedCollectionPersistence, persistedCollectionOptions } from "@tanstack/browser-db-sqlite-persistence";
import { type CollectionConfig, type SyncConfig, createCollection } from "@tanstack/react-db";
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
  /** Where the lists are kept across reloads (the person's database in the browser); else in memory. */
  persistence?: PersistedCollectionPersistence;
  /** Waits between tries of a failed read; the browser's timer by default. */
  delay?: (ms: number) => Promise<void>;
}

/** Metadata of a delete from the lists collection: the person leaves the list rather than deleting it. */
export interface LeaveList {
  leave: { userId: string };
}

/** The collection metadata that holds the server's order of the lists, beside them. */
export const ORDER_KEY = "order";
export const LISTS_COLLECTION_ID = "lists";
const LISTS_SCHEMA_VERSION = 1;

type SyncParams = Parameters<SyncConfig<TodoListInfo, string>["sync"]>[0];

interface PersistedRows {
  scanPersisted?: () => Promise<{ key: string | number; value: unknown }[]>;
}

/**
 * The person's lists with their role in each, from `GET /api/lists`, kept current by `list`
 * frames and by the answers to this page's own list writes (create, rename, delete, leave; each
 * optimistic, rolled back when refused). A list's `version` moves on with every rename, so a
 * late copy of an older `list upsert` cannot undo a newer name; the same version is taken again,
 * because being added back to a list brings the same list with perhaps another role.
 *
 * The store runs the collection's sync itself, as the todos' store does: persisted, the lists and
 * their order are kept by the page, so a reload (offline too) shows them at once.
 */
export function createListStore(options: ListStoreOptions) {
  const { api } = options;
  const delay = options.delay ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  // The version of each list the synced state holds (the collection itself shows optimistic rows),
  // in the server's order.
  const synced = new Map<string, number>();
  let sync: SyncParams | undefined;
  let whenStarted!: (kept: boolean) => void;
  /** Resolves once the sync has started: true when the lists were kept by an earlier page. */
  const restored = new Promise<boolean>((resolve) => (whenStarted = resolve));

  const report = (error: unknown): never => {
    const readable = error instanceof Error ? error : new Error(String(error));
    options.onWriteError?.(readable);
    throw readable;
  };

  const syncConfig: SyncConfig<TodoListInfo, string> = {
    rowUpdateMode: "full",
    sync: (params) => {
      synced.clear();
      sync = params;
      void resume(params);
      return () => {
        if (sync === params) sync = undefined;
      };
    },
  };

  /** Lists kept by an earlier page are shown at once, in the order the server gave them. */
  async function resume(params: SyncParams): Promise<void> {
    const order = params.metadata?.collection.get(ORDER_KEY);
    const scan = (params.metadata?.row as PersistedRows | undefined)?.scanPersisted;
    let kept = false;
    if (options.persistence && Array.isArray(order) && scan) {
      try {
        const rows = new Map((await scan()).map(({ value }) => [(value as TodoListInfo).id, value as TodoListInfo]));
        if (sync !== params) return;
        for (const id of order) {
          const list = rows.get(String(id));
          if (list) synced.set(list.id, list.version);
        }
        for (const list of rows.values()) if (!synced.has(list.id)) synced.set(list.id, list.version);
        params.markReady();
        // Ready once the persistence has put the kept rows into the collection, not before.
        await new Promise<void>((resolve) => collection.onFirstReady(() => resolve()));
        kept = true;
      } catch {
        synced.clear();
      }
    }
    whenStarted(kept);
  }

  const handlers: Pick<CollectionConfig<TodoListInfo, string>, "onInsert" | "onUpdate" | "onDelete"> = {
    onInsert: async ({ transaction }) => {
      try {
        const created = await Promise.all(
          transaction.mutations.map(({ modified }) => api.createList({ id: modified.id, name: modified.name })),
        );
        await apply(created.map((list) => ({ op: "upsert", list })));
      } catch (error) {
        report(error);
      }
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
    },
  };

  // Read when the live connection asks (socket first, then the read), like the todos.
  const collection = options.persistence
    ? createCollection(
        persistedCollectionOptions<TodoListInfo, string>({
          id: LISTS_COLLECTION_ID,
          getKey: (list) => list.id,
          startSync: true,
          persistence: options.persistence,
          schemaVersion: LISTS_SCHEMA_VERSION,
          sync: syncConfig,
          ...handlers,
        }),
      )
    : createCollection<TodoListInfo, string>({
        id: LISTS_COLLECTION_ID,
        getKey: (list) => list.id,
        startSync: true,
        sync: syncConfig,
        ...handlers,
      });

  /** One sync transaction; the server's order of the lists is kept beside them. */
  function commit(work: (params: SyncParams) => void): void {
    const params = sync;
    if (!params) return;
    params.begin();
    try {
      work(params);
      params.metadata?.collection.set(ORDER_KEY, [...synced.keys()]);
    } catch (error) {
      void Promise.resolve(params.commit(AbortSignal.abort())).catch(() => undefined);
      throw error;
    }
    // Not awaited: a persisted receipt waits for the page's own list write being sent, whose
    // handler may be what is applying this (see collection.ts).
    void Promise.resolve(params.commit()).catch(() => undefined);
  }

  /** Writes `list` frames (or answers in their shape) into the synced state. */
  async function apply(changes: readonly ListChange[]): Promise<void> {
    await restored;
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
    const held = new Set(synced.keys());
    for (const list of upserts.values()) synced.set(list.id, list.version);
    for (const id of deletes) synced.delete(id);
    commit((params) => {
      for (const list of upserts.values()) params.write({ type: held.has(list.id) ? "update" : "insert", value: list });
      for (const id of deletes) params.write({ type: "delete", key: id });
    });
    for (const list of renamed) options.onRenamed?.(list);
  }

  /**
   * The person's lists as the server has them now, replacing the synced ones in one transaction
   * (never empty on the way). A read that fails for what may pass is tried twice more.
   */
  async function refetch(): Promise<void> {
    await restored;
    let lists: TodoListInfo[];
    for (let failures = 0; ; failures++) {
      try {
        lists = await api.lists();
        break;
      } catch (error) {
        if (!retryRead(failures, error)) throw error;
        await delay(Math.min(1_000 * 2 ** failures, 30_000));
      }
    }
    synced.clear();
    for (const list of lists) synced.set(list.id, list.version);
    commit((params) => {
      params.truncate();
      for (const list of lists) params.write({ type: "insert", value: list });
    });
  }

  /** The lists' ids in the server's order (a read's order, lists that arrived later after it). */
  function order(): string[] {
    return [...synced.keys()];
  }

  return {
    collection,
    apply,
    refetch,
    order,
    /** Resolves once the lists can be read: true when an earlier page kept them (shown at once). */
    restored,
  };
}

export type ListChange = { op: "upsert"; list: TodoListInfo } | { op: "removed"; listId: string };
export type ListStore = ReturnType<typeof createListStore>;
export type ListCollection = ListStore["collection"];
