import {
  type PersistedCollectionPersistence,
  type PersistedTx,
  type PersistenceAdapter,
  SingleProcessCoordinator,
} from "@tanstack/db-sqlite-persistence-core";

interface StoredCollection {
  rows: Map<string | number, Record<string, unknown>>;
  metadata: Map<string, unknown>;
}

/**
 * The browser's SQLite database (`@tanstack/browser-db-sqlite-persistence`) held in memory, for unit
 * tests: the same adapter contract, each committed transaction applied whole (rows, truncate and
 * collection metadata together, as SQLite's `BEGIN IMMEDIATE` does). A second store opened on the
 * same instance is a page reloaded on the same browser.
 */
export class MemoryPersistence {
  private readonly collections = new Map<string, StoredCollection>();
  /** Every transaction committed, in order: a test checks that rows and cursor came in one. */
  readonly committed: { collectionId: string; tx: PersistedTx }[] = [];
  /** Thrown by the next commits while set: storage that fails. */
  failCommits: Error | undefined;

  readonly adapter: PersistenceAdapter = {
    loadSubset: async (collectionId) =>
      [...this.of(collectionId).rows].map(([key, value]) => ({ key, value: structuredClone(value) })),
    applyCommittedTx: async (collectionId, tx) => {
      if (this.failCommits) throw this.failCommits;
      const stored = this.of(collectionId);
      if (tx.truncate) stored.rows.clear();
      for (const mutation of tx.mutations) {
        if (mutation.type === "delete") stored.rows.delete(mutation.key);
        else stored.rows.set(mutation.key, structuredClone(mutation.value) as Record<string, unknown>);
      }
      for (const mutation of tx.collectionMetadataMutations ?? []) {
        if (mutation.type === "delete") stored.metadata.delete(mutation.key);
        else stored.metadata.set(mutation.key, structuredClone(mutation.value));
      }
      this.committed.push({ collectionId, tx });
    },
    loadCollectionMetadata: async (collectionId) =>
      [...this.of(collectionId).metadata].map(([key, value]) => ({ key, value: structuredClone(value) })),
    scanRows: async (collectionId) =>
      [...this.of(collectionId).rows].map(([key, value]) => ({ key, value: structuredClone(value) })),
    ensureIndex: async () => undefined,
  };

  /** A page's persistence on this database (one tab: no other tab's commits to follow). */
  persistence(): PersistedCollectionPersistence {
    return { adapter: this.adapter, coordinator: new SingleProcessCoordinator() };
  }

  rows(collectionId: string): Record<string, unknown>[] {
    return [...this.of(collectionId).rows.values()];
  }

  metadata(collectionId: string, key: string): unknown {
    return this.of(collectionId).metadata.get(key);
  }

  private of(collectionId: string): StoredCollection {
    let stored = this.collections.get(collectionId);
    if (!stored) this.collections.set(collectionId, (stored = { rows: new Map(), metadata: new Map() }));
    return stored;
  }
}
