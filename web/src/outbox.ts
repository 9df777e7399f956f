import {
  IndexedDBAdapter,
  LocalStorageAdapter,
  type LeaderElection,
  type OfflineExecutor,
  type OfflineTransaction,
  type OfflineTransactionAPI,
  type OnlineDetector,
  type StorageAdapter,
  TransactionSerializer,
  WebOnlineDetector,
  startOfflineExecutor,
} from "@tanstack/offline-transactions";
import { type Collection, type PendingMutation, type Transaction, createTransaction } from "@tanstack/react-db";
import { ApiError } from "./api";
import { RefusedWrite, type TodoStore, type TodoWriter, type WriteMetadata, type WriteType, type Written } from "./collection";
import { QueueingWebLocksLeader } from "./leader";
import type { Problem, Todo } from "./todo";

/** The one mutation function of the outbox: a list's todo write, as {@link TodoStore.send} sends it. */
export const SAVE_TODOS = "saveTodos";

/** What the outbox asks of the page: each list's store, kept alive while the outbox has its writes. */
export interface StoreHost {
  acquire(listId: string): TodoStore;
  release(listId: string): void;
}

/** A BroadcastChannel, or a test's stand-in for one. */
export interface Channel {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  close(): void;
}

export interface OutboxOptions {
  /** The person's name for what the page keeps of theirs ({@link databaseName}): one outbox each. */
  name: string;
  host: StoreHost;
  /** Where the outbox is kept; IndexedDB (else local storage) named for the person by default. */
  storage?: StorageAdapter;
  leaderElection?: LeaderElection;
  onlineDetector?: OnlineDetector;
  /** How the tabs of the browser talk about the outbox; a BroadcastChannel by default. */
  channel?: Channel;
  /** How often a tab asks again for a leader to take a write it holds (none answered yet). */
  forwardRetryMs?: number;
}

/** What the outbox keeps beside each write, besides what the package keeps. */
interface EntryMetadata {
  /** Sub-millisecond creation order (`createdAt` has milliseconds; writes in one come back in random order). */
  order?: number;
  quiet?: boolean;
  /** The version each rename was started on, by todo id. */
  seen?: Record<string, number>;
  /** The write was made in another tab, which tells the person if it is refused. */
  forwardedId?: string;
}

/** A mutation as one tab hands it to another. */
interface PlainMutation {
  type: WriteType;
  key: string;
  modified: Todo;
  original: Todo | Record<string, never>;
  changes: Partial<Todo>;
}

interface Refusal {
  message: string;
  status: number;
  problem?: Problem;
  listGone?: boolean;
}

type Message =
  | { kind: "forward"; id: string; listId: string; mutations: PlainMutation[]; metadata: EntryMetadata }
  | { kind: "queued"; id: string; entryId: string }
  | { kind: "settled"; id: string; refusal?: Refusal }
  | { kind: "changed" }
  | { kind: "leader" };

/** A write this tab handed to the leading tab, until that tab says how it went. */
interface Forward {
  message: Extract<Message, { kind: "forward" }>;
  store: TodoStore;
  /** This tab's transaction that shows the write pending meanwhile. */
  transaction: Transaction<any>;
  entryId?: string;
  /** The leader keeps it in the outbox: it survives this tab from now on. */
  queued: () => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

const ENTRY_PREFIX = "tx:";

/**
 * The page's durable outbox ("Browser offline and persistence"), on `@tanstack/offline-transactions`:
 * every todo write of the person's is kept (IndexedDB) until the server confirms it, replayed in the
 * order it was made, one at a time, with backoff, under one idempotency key per write, so a write
 * whose answer was lost is applied once. A write stays visibly pending until confirmed; one the
 * server refuses (409, 404, 422, the list gone) is dropped and rolled back with a notice.
 *
 * One outbox serves all of a browser's tabs of the person: the tab holding a Web Lock replays it
 * (another takes over when that tab closes, {@link QueueingWebLocksLeader}); a tab that does not
 * lead hands each write to the one that does (BroadcastChannel), which keeps it in the outbox, and
 * shows it pending until the leader says it is confirmed or refused. A tab with no leader to hand
 * a write to holds it and asks again; once it leads itself, it keeps the write in the outbox.
 *
 * Where to find a list's collection again after a reload is the package's fixed registry, read
 * when the outbox starts: so before it starts, the page opens the store of every list the kept
 * writes name, and a list opened later is added to the registry ({@link register}).
 */
export class Outbox implements TodoWriter {
  private readonly collections: Record<string, Collection<Todo, string>> = {};
  /** Registry key by collection id (a list's collection id differs from its key in memory). */
  private readonly keys = new Map<string, string>();
  private readonly held = new Set<string>();
  /** Writes made in this page: their callers tell the person if they are refused. */
  private readonly live = new Set<string>();
  private readonly forwards = new Map<string, Forward>();
  /** In a tab that does not lead: the kept writes of other tabs, shown pending here too, by entry id. */
  private readonly shadows = new Map<string, Transaction<any>>();
  private readonly storedWaiters = new Map<string, (() => void)[]>();
  private readonly listeners = new Set<() => void>();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private lastOrder = 0;
  private count = 0;
  private executor!: OfflineExecutor;

  private constructor(
    private readonly options: OutboxOptions,
    private readonly storage: StorageAdapter,
    private readonly channel: Channel | undefined,
  ) {}

  /**
   * Starts the outbox: the stores of the lists its kept writes name are opened, then the leading
   * tab restores those writes as pending and replays them. Undefined where the browser can keep
   * no outbox (IndexedDB and local storage both refused): writes are then sent as before.
   */
  static async start(options: OutboxOptions): Promise<Outbox | undefined> {
    const storage = options.storage ?? (await defaultStorage(options.name));
    if (!storage) return undefined;
    const channel = options.channel ?? (typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel(`${options.name}-outbox`));
    const outbox = new Outbox(options, storage, channel);
    await outbox.begin();
    return outbox;
  }

  private async begin(): Promise<void> {
    this.channel?.addEventListener("message", (event) => void this.received(event.data as Message));
    await this.refresh();
    const notifying: StorageAdapter = {
      get: (key) => this.storage.get(key),
      keys: () => this.storage.keys(),
      set: async (key, value) => {
        await this.storage.set(key, value);
        this.storedWaiters.get(key)?.splice(0).forEach((resolve) => resolve());
        this.storedWaiters.delete(key);
        this.changed();
      },
      delete: async (key) => {
        await this.storage.delete(key);
        this.changed();
      },
      clear: async () => {
        await this.storage.clear();
        this.changed();
      },
    };
    const leaderElection = this.options.leaderElection ?? new QueueingWebLocksLeader(`${this.options.name}-outbox-leader`);
    this.executor = startOfflineExecutor({
      collections: this.collections,
      mutationFns: { [SAVE_TODOS]: (params) => this.save(params) },
      storage: notifying,
      leaderElection,
      onlineDetector: this.options.onlineDetector ?? new WebOnlineDetector(),
      // The package replays in `createdAt` order, which has milliseconds only: restore the order
      // the writes were made in before it sorts them.
      beforeRetry: inCreationOrder,
      onLeadershipChange: (leader) => {
        if (!leader) return;
        // The package now restores every kept write into this tab's collections itself.
        this.dropShadows(new Set());
        this.channel?.postMessage({ kind: "leader" } satisfies Message);
        // What this tab held for want of a leader, it now keeps in the outbox itself; what the
        // leader before it kept, it now replays, and settles this tab's pending copy when done.
        for (const forward of this.forwards.values()) {
          if (forward.entryId === undefined) void this.keepOwn(forward);
          else void this.take(forward.message, true);
        }
        this.changed();
      },
    });
    await this.executor.waitForInit();
    this.changed();
  }

  /** Whether this tab replays the outbox. */
  get leading(): boolean {
    return this.executor?.isOfflineEnabled ?? false; // false until the executor has started
  }

  /** The writes waiting: the outbox's, and this tab's not yet handed to a leader. */
  get waiting(): number {
    return this.count;
  }

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getWaiting = (): number => this.count;

  /** The writes kept in the outbox, oldest first (for tests and diagnostics). */
  peek(): Promise<OfflineTransaction[]> {
    return this.executor.peekOutbox();
  }

  /** Adds a list's collection to the registry, so writes to it can be kept and found after a reload. */
  register(store: TodoStore): void {
    const key = store.collectionKey;
    this.collections[key] = store.collection as unknown as Collection<Todo, string>;
    this.keys.set(store.collection.id, key);
    // The package builds its reverse lookup (collection id → key) once, when it starts.
    serializerKeys(this.executor)?.set(store.collection.id, key);
  }

  write(store: TodoStore, change: () => Transaction<any>, metadata: WriteMetadata & { seen?: Record<string, number> }): Written {
    const entry: EntryMetadata = { quiet: metadata.quiet === true, ...(metadata.seen ? { seen: metadata.seen } : {}) };
    if (this.leading) return this.keep(store, change, entry);
    return this.hand(store, change, entry);
  }

  dispose(): void {
    this.timers.forEach((timer) => clearInterval(timer));
    this.executor.dispose();
    this.channel?.close();
  }

  /** As the leader: the write goes into the outbox and is sent from there. */
  private keep(store: TodoStore, change: () => Transaction<any>, metadata: EntryMetadata): Written {
    this.register(store);
    const offline = this.executor.createOfflineTransaction({
      mutationFnName: SAVE_TODOS,
      autoCommit: false,
      metadata: { ...metadata, order: this.nextOrder() },
    }) as OfflineTransactionAPI;
    this.live.add(offline.id);
    const transaction = offline.mutate(() => void change());
    const stored = this.stored(offline.id);
    void offline.commit().catch(() => undefined);
    this.holdWhile(store.listId, transaction.isPersisted.promise);
    return { transaction, saved: handled(Promise.race([transaction.isPersisted.promise.then(() => undefined), this.whileOffline(stored)])) };
  }

  /**
   * Online, a write is safe once the server has it (a refusal then comes while its caller still
   * waits); offline, once the outbox keeps it.
   */
  private whileOffline(kept: Promise<void>): Promise<void> {
    return kept.then(
      () =>
        new Promise<void>((resolve) => {
          if (!this.executor.isOnline()) return resolve();
          if (typeof window === "undefined") return;
          window.addEventListener("offline", () => resolve(), { once: true });
        }),
    );
  }

  /** As a tab that does not lead: the write is shown pending here and handed to the leader. */
  private hand(store: TodoStore, change: () => Transaction<any>, metadata: EntryMetadata): Written {
    let queued!: () => void;
    const handed = new Promise<void>((resolve) => (queued = resolve));
    const transaction = createTransaction<Todo>({
      autoCommit: false,
      mutationFn: ({ transaction: tx }) =>
        new Promise<void>((resolve, reject) => {
          const message: Forward["message"] = {
            kind: "forward",
            id: tx.id,
            listId: store.listId,
            mutations: tx.mutations.map(plain),
            metadata: { ...metadata, order: this.nextOrder(), forwardedId: tx.id },
          };
          this.forwards.set(tx.id, {
            message,
            store,
            transaction,
            queued,
            resolve: () => {
              queued();
              resolve();
            },
            reject,
          });
          this.handOver(tx.id);
        }),
    });
    transaction.mutate(() => void change());
    void transaction.commit().catch(() => undefined);
    this.holdWhile(store.listId, transaction.isPersisted.promise);
    return { transaction, saved: handled(Promise.race([transaction.isPersisted.promise.then(() => undefined), this.whileOffline(handed)])) };
  }

  /** Sends a held write to the leader, and again until one has kept it. */
  private handOver(id: string): void {
    const forward = this.forwards.get(id);
    if (!forward) return;
    if (this.leading) {
      void this.keepOwn(forward);
      return;
    }
    this.channel?.postMessage(forward.message);
    const timer = setInterval(() => {
      const current = this.forwards.get(id);
      if (!current || current.entryId !== undefined || this.leading) {
        clearInterval(timer);
        return;
      }
      this.channel?.postMessage(current.message);
    }, this.options.forwardRetryMs ?? 1_000);
    this.timers.push(timer);
    this.changed();
  }

  /** The mutation function: one kept write, sent by its list's store. */
  private async save({ transaction, idempotencyKey }: { transaction: { id: string; mutations: PendingMutation[]; metadata?: Record<string, unknown> }; idempotencyKey: string }): Promise<void> {
    const [first] = transaction.mutations;
    if (!first) return;
    const key = this.keys.get(first.collection.id) ?? first.collection.id;
    const listId = key.replace(/^todos:/, "").replace(/:\d+$/, "");
    const store = this.options.host.acquire(listId);
    this.register(store);
    const metadata = (transaction.metadata ?? {}) as EntryMetadata;
    try {
      await store.send(first.type as WriteType, transaction.mutations as never, {
        queued: true,
        idempotencyKey,
        // A write made in another tab is told there; one restored after a reload has no caller
        // left to tell the person, so the store does.
        quiet: metadata.forwardedId !== undefined || (this.live.has(transaction.id) && metadata.quiet === true),
        ...(metadata.seen ? { seenVersion: metadata.seen } : {}),
      });
    } finally {
      this.options.host.release(listId);
    }
  }

  /**
   * This tab leads now: a write it held for want of a leader goes into the outbox like any other.
   * Its holding transaction ends first (the same change made again on top of it would change
   * nothing, and so keep nothing); the outbox's transaction shows it pending from then on.
   */
  private async keepOwn(forward: Forward): Promise<void> {
    const { message, transaction } = forward;
    if (this.forwards.get(message.id) !== forward) return;
    this.forwards.delete(message.id);
    forward.resolve();
    await transaction.isPersisted.promise.catch(() => undefined);
    // Not quiet: its caller has been told it is kept, and is not waiting to hear more.
    await this.take({ ...message, metadata: { ...message.metadata, forwardedId: undefined } }, true);
  }

  /** As the leader: a write another tab (or this one, before it led) made goes into the outbox. */
  private async take(message: Extract<Message, { kind: "forward" }>, own: boolean): Promise<void> {
    if (!this.leading) return;
    const existing = (await this.peek()).find((entry) => (entry.metadata as EntryMetadata | undefined)?.forwardedId === message.id);
    if (existing) {
      this.reply({ kind: "queued", id: message.id, entryId: existing.id }, own);
      this.executor.waitForTransactionCompletion(existing.id).then(
        () => this.settle(message.id, null, own),
        (error: unknown) => this.settle(message.id, refusalFrom(error), own),
      );
      // It may have been sent between the look and the wait: then no completion will come.
      void this.storage.get(`${ENTRY_PREFIX}${existing.id}`).then((entry) => entry === null && this.settle(message.id, null, own));
      return;
    }
    const outcome = this.taken.get(message.id);
    if (outcome !== undefined) {
      this.reply(outcome ? { kind: "settled", id: message.id, refusal: outcome } : { kind: "settled", id: message.id }, own);
      return;
    }
    if (this.taking.has(message.id)) return;
    this.taking.add(message.id);
    const store = this.options.host.acquire(message.listId);
    try {
      this.register(store);
      await store.ready;
      const offline = this.executor.createOfflineTransaction({
        mutationFnName: SAVE_TODOS,
        autoCommit: false,
        metadata: message.metadata,
      }) as OfflineTransactionAPI;
      const stored = this.stored(offline.id);
      offline.mutate(() => applyPlain(store, message.mutations));
      const committed = offline.commit();
      void stored.then(() => this.reply({ kind: "queued", id: message.id, entryId: offline.id }, own));
      await committed.then(
        () => this.settle(message.id, null, own),
        (error: unknown) => this.settle(message.id, refusalFrom(error), own),
      );
    } catch (error) {
      this.settle(message.id, refusalFrom(error), own);
    } finally {
      this.taking.delete(message.id);
      this.options.host.release(message.listId);
    }
  }

  private readonly taking = new Set<string>();
  /** How the writes other tabs handed over went (a tab may ask again before it hears). */
  private readonly taken = new Map<string, Refusal | null>();

  private settle(id: string, refusal: Refusal | null, own: boolean): void {
    this.taken.set(id, refusal);
    this.reply(refusal ? { kind: "settled", id, refusal } : { kind: "settled", id }, own);
  }

  private reply(message: Message, own: boolean): void {
    if (own) void this.received(message);
    else this.channel?.postMessage(message);
  }

  private async received(message: Message): Promise<void> {
    switch (message.kind) {
      case "forward":
        await this.take(message, false);
        return;
      case "queued": {
        const forward = this.forwards.get(message.id);
        if (!forward) return;
        forward.entryId = message.entryId;
        forward.queued();
        void this.refresh();
        return;
      }
      case "settled": {
        const forward = this.forwards.get(message.id);
        if (!forward) return;
        this.forwards.delete(message.id);
        if (message.refusal) {
          const refusal = new ApiError(message.refusal.message, message.refusal.status, message.refusal.problem, message.refusal.listGone === true);
          if (!forward.message.metadata.quiet) forward.store.tell(refusal);
          forward.reject(new RefusedWrite(refusal));
        } else forward.resolve();
        this.changed();
        return;
      }
      case "leader":
        // A new leader: what this tab still holds or waits to hear about is handed to it again
        // (it finds a write it already keeps by the write's id).
        for (const forward of this.forwards.values()) this.channel?.postMessage(forward.message);
        return;
      case "changed":
        await this.refresh();
        return;
    }
  }

  /** Keeps the list's store while `work` is under way. */
  private holdWhile(listId: string, work: Promise<unknown>): void {
    this.options.host.acquire(listId);
    void work.catch(() => undefined).finally(() => this.options.host.release(listId));
  }

  /** Resolves once the outbox holds the write (it survives a reload from then on). */
  private stored(id: string): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.storedWaiters.get(`${ENTRY_PREFIX}${id}`) ?? [];
      waiters.push(resolve);
      this.storedWaiters.set(`${ENTRY_PREFIX}${id}`, waiters);
    });
  }

  private changed(): void {
    this.channel?.postMessage({ kind: "changed" } satisfies Message);
    void this.refresh();
  }

  /**
   * Counts what waits, and keeps the store of every list the outbox has writes for (a write kept
   * by another tab, or before a reload, is sent through its list's store).
   */
  private async refresh(): Promise<void> {
    const lists = new Set<string>();
    const kept = new Map<string, string>();
    for (const key of await this.storage.keys()) {
      if (!key.startsWith(ENTRY_PREFIX)) continue;
      const entry = await this.storage.get(key);
      if (entry === null) continue;
      kept.set(key.slice(ENTRY_PREFIX.length), entry);
      for (const listId of listsOf(entry)) lists.add(listId);
    }
    const entries = kept.size;
    for (const listId of lists) {
      if (this.held.has(listId)) continue;
      this.held.add(listId);
      this.register(this.options.host.acquire(listId));
    }
    for (const listId of [...this.held]) {
      if (lists.has(listId)) continue;
      this.held.delete(listId);
      this.options.host.release(listId);
    }
    this.shadow(kept);
    const unhanded = [...this.forwards.values()].filter((forward) => forward.entryId === undefined).length;
    const count = entries + unhanded;
    if (count === this.count) return;
    this.count = count;
    this.listeners.forEach((listener) => listener());
  }

  /**
   * Shows, in a tab that does not lead, the writes the outbox keeps for other tabs as pending (the
   * way the leading tab shows them: held in a transaction that is never sent), until they leave
   * the outbox. This tab's own handed-over writes are already shown by their own transactions.
   */
  private shadow(kept: Map<string, string>): void {
    if (this.leading || this.executor === undefined) return;
    const own = new Set(this.forwards.keys());
    const shown = new Set<string>();
    for (const [id, entry] of kept) {
      shown.add(id);
      if (this.shadows.has(id)) continue;
      try {
        const forwardedId = (JSON.parse(entry) as { metadata?: EntryMetadata }).metadata?.forwardedId;
        if (forwardedId !== undefined && own.has(forwardedId)) continue;
        const { mutations } = new TransactionSerializer(this.collections).deserialize(entry);
        const shadow = createTransaction({ id: `shadow:${id}`, autoCommit: false, mutationFn: async () => undefined });
        shadow.isPersisted.promise.catch(() => undefined);
        shadow.applyMutations(mutations);
        for (const collection of collectionsOf(shadow)) {
          collection._state.transactions.set(shadow.id, shadow);
          collection._state.recomputeOptimisticState(true);
        }
        this.shadows.set(id, shadow);
      } catch {
        // a write this tab cannot show (its list's collection is not here): it is still counted
      }
    }
    this.dropShadows(shown);
  }

  private dropShadows(keep: Set<string>): void {
    for (const [id, shadow] of this.shadows) {
      if (keep.has(id)) continue;
      this.shadows.delete(id);
      shadow.setState("completed");
      for (const collection of collectionsOf(shadow)) {
        collection._state.transactions.delete(shadow.id);
        collection._state.recomputeOptimisticState(false);
      }
    }
  }

  private nextOrder(): number {
    const now = typeof performance === "undefined" ? Date.now() : performance.timeOrigin + performance.now();
    this.lastOrder = Math.max(now, this.lastOrder + 0.001);
    return this.lastOrder;
  }
}

function collectionsOf(transaction: Transaction<any>): Collection<any, any>[] {
  return [...new Set(transaction.mutations.map((mutation) => mutation.collection))];
}

/** A promise whose rejection its callers may leave unread (the store has told the person). */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The outbox's writes in the order they were made, their `createdAt`s made to say so. */
export function inCreationOrder(transactions: OfflineTransaction[]): OfflineTransaction[] {
  const orderOf = (entry: OfflineTransaction) => (entry.metadata as EntryMetadata | undefined)?.order ?? entry.createdAt.getTime();
  const ordered = [...transactions].sort((a, b) => orderOf(a) - orderOf(b));
  const base = Math.min(...ordered.map((entry) => entry.createdAt.getTime()));
  return ordered.map((entry, i) => ({ ...entry, createdAt: new Date(base + i) }));
}

/** The lists a kept write is for, from its stored form (registry keys `todos:<listId>`). */
function listsOf(entry: string | null): string[] {
  if (!entry) return [];
  try {
    const parsed = JSON.parse(entry) as { mutations?: { collectionId?: unknown }[] };
    return (parsed.mutations ?? [])
      .map((mutation) => mutation.collectionId)
      .filter((key): key is string => typeof key === "string" && key.startsWith("todos:"))
      .map((key) => key.slice("todos:".length));
  } catch {
    return [];
  }
}

function plain(mutation: PendingMutation<Todo>): PlainMutation {
  return {
    type: mutation.type as WriteType,
    key: String(mutation.key),
    modified: { ...mutation.modified },
    original: { ...(mutation.original as Todo) },
    changes: { ...mutation.changes },
  };
}

/** Makes in the leader's collection the change another tab made in its own. */
function applyPlain(store: TodoStore, mutations: PlainMutation[]): void {
  const { collection } = store;
  for (const mutation of mutations) {
    if (mutation.type !== "insert" && !collection.has(mutation.key)) {
      // The leader has not read this list since the row came: the other tab's copy stands in.
      store.apply([{ op: "upsert", todo: { ...(mutation.original as Todo), seq: undefined } }]);
    }
    if (mutation.type === "insert") collection.insert(mutation.modified);
    else if (mutation.type === "update") collection.update(mutation.key, (draft) => void Object.assign(draft, mutation.changes));
    else collection.delete(mutation.key);
  }
}

function refusalFrom(error: unknown): Refusal {
  const cause = error instanceof RefusedWrite ? error.refusal : error;
  if (cause instanceof ApiError) return { message: cause.message, status: cause.status, problem: cause.problem, listGone: cause.listGone };
  return { message: cause instanceof Error ? cause.message : String(cause), status: 0 };
}

/** The package's reverse lookup of collection ids (built once at start; see {@link Outbox.register}). */
function serializerKeys(executor: OfflineExecutor | undefined): Map<string, string> | undefined {
  const outbox = (executor as unknown as { outbox?: { serializer?: { collectionIdToKey?: unknown } } } | undefined)?.outbox;
  const keys = outbox?.serializer?.collectionIdToKey;
  return keys instanceof Map ? (keys as Map<string, string>) : undefined;
}

async function defaultStorage(name: string): Promise<StorageAdapter | undefined> {
  if ((await IndexedDBAdapter.probe()).available) return new IndexedDBAdapter(`${name}-outbox`, "transactions");
  if (LocalStorageAdapter.probe().available) return new LocalStorageAdapter(`${name}-outbox:`);
  return undefined;
}
