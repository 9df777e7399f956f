import {
  BrowserCollectionCoordinator,
  type PersistedCollectionPersistence,
  createBrowserWASQLitePersistence,
  openBrowserWASQLiteOPFSDatabase,
} from "@tanstack/browser-db-sqlite-persistence";

/** How long the database may take to open before the page goes on in memory. */
export const OPEN_DEADLINE_MS = 5_000;

export interface OpenPersistenceOptions {
  /** Opens the database; the browser's OPFS SQLite (wa-sqlite in a worker) by default. */
  open?: (databaseName: string) => Promise<PersistedCollectionPersistence>;
  deadlineMs?: number;
  /** Told why the page keeps its lists in memory only. */
  onUnavailable?: (error: unknown) => void;
}

/**
 * The signed-in person's database in this browser ("Browser offline and persistence"): their lists
 * and todos are kept there, so a reload shows them at once, offline too. One database per person
 * (named after a hash of their subject, so the name says nothing about them), so two people who
 * share a browser never see each other's rows. The tabs of one browser share it: a coordinator
 * (Web Locks and BroadcastChannel) carries each tab's commits to the others.
 *
 * Resolves undefined where the browser cannot keep it (no OPFS or Worker, not a secure context,
 * a Content-Security-Policy without `'wasm-unsafe-eval'`, or the database does not open in time):
 * the page then works as before, in memory.
 */
export async function openPersistence(person: string, options: OpenPersistenceOptions = {}): Promise<PersistedCollectionPersistence | undefined> {
  const open = options.open ?? openBrowserPersistence;
  try {
    const name = await databaseName(person);
    return await withDeadline(open(name), options.deadlineMs ?? OPEN_DEADLINE_MS);
  } catch (error) {
    options.onUnavailable?.(error);
    return undefined;
  }
}

async function openBrowserPersistence(name: string): Promise<PersistedCollectionPersistence> {
  const database = await openBrowserWASQLiteOPFSDatabase({ databaseName: `${name}.sqlite` });
  const coordinator = new BrowserCollectionCoordinator({ dbName: name });
  return createBrowserWASQLitePersistence({ database, coordinator });
}

/** `livetodos-<hex>`: the first 128 bits of the SHA-256 of the person's subject. */
export async function databaseName(person: string, subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle): Promise<string> {
  if (!subtle) return `livetodos-${fnv1a(person)}`; // no SHA-256 outside a secure context
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(person));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  return `livetodos-${hex.slice(0, 32)}`;
}

/** A 64-bit FNV-1a hash in hex: a name, not a secret (the database is the person's own browser's). */
function fnv1a(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, "0");
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the database did not open within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
