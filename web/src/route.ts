/** Which todos of a list are shown. */
export type Filter = "all" | "active" | "completed";

/**
 * What the page's address asks for. The open list is in the hash (`#/list/<id>`, with the filter
 * after it: `#/list/<id>/active`), so a list can be bookmarked and the browser's back button
 * goes back to the list before. `#/active` and `#/completed` still mean the open list, filtered.
 * An invite is a hash too (`#/invite/<token>`), so the token never reaches a server's log.
 */
export type Route = { kind: "list"; listId?: string; filter: Filter } | { kind: "invite"; token: string };

const FILTERS: readonly Filter[] = ["active", "completed"];

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((part) => part !== "");
  const decoded = parts.map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  const [first, second, third] = decoded;
  if (first === "invite" && second) return { kind: "invite", token: second };
  if (first === "list" && second) return { kind: "list", listId: second, filter: filterOf(third) };
  return { kind: "list", filter: filterOf(first) };
}

export function listHash(listId: string, filter: Filter = "all"): string {
  return `#/list/${encodeURIComponent(listId)}${filter === "all" ? "" : `/${filter}`}`;
}

function filterOf(part: string | undefined): Filter {
  return FILTERS.find((filter) => filter === part) ?? "all";
}

/** The page's address as the workspace reads and writes it; the browser's, or one a test holds. */
export interface Address {
  hash(): string;
  /** Changes the address without a new history entry (an invite token must not stay in it). */
  replace(hash: string): void;
  /** Told of every change: the person's (a link, the back button) and {@link replace}'s. */
  subscribe(listener: () => void): () => void;
}

export function browserAddress(): Address {
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((listener) => listener());
  window.addEventListener("hashchange", emit);
  return {
    hash: () => window.location.hash,
    replace(hash) {
      if (window.location.hash === hash) return;
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, "", `${pathname}${search}${hash}`);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** An address held in memory, for tests: {@link go} is the person following a link. */
export class MemoryAddress implements Address {
  private current: string;
  readonly replaced: string[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(hash = "") {
    this.current = hash;
  }

  hash = (): string => this.current;

  replace(hash: string): void {
    if (hash === this.current) return;
    this.current = hash;
    this.replaced.push(hash);
    this.listeners.forEach((listener) => listener());
  }

  go(hash: string): void {
    this.current = hash;
    this.listeners.forEach((listener) => listener());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
