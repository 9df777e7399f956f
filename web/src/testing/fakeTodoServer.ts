import type { Todo, TodoChange } from "../todo";

type Handler = (request: Request, server: FakeTodoServer) => Response | undefined | Promise<Response | undefined>;

export interface FakeTodoServerOptions {
  /**
   * The change feed of "Change feed and resume" (the default): todos and answers carry `seq`, the
   * full read sends `Livetodos-Cursor`, DELETE answers `{"deleted","seq"}`, and `…/changes` answers.
   * Without it, the server as it was before: none of these.
   */
  feed?: boolean;
  /** How many changes one page of the feed holds. */
  pageSize?: number;
}

/** What the server answered a read with: the whole list, or a page of the feed (and how many items). */
export interface Served {
  read: "list" | "changes";
  items: number;
  more?: boolean;
}

/**
 * The todo contract of one list (`…/todos`) and its change feed (`…/changes`) held in memory, for
 * unit tests of one class: answers like the real server (versions, `seq`, cursors, tombstones,
 * 404/409 problem details) and lets a test make a request fail.
 *
 * Every write takes the list's next `seq` (a batch takes one per todo; a list rename takes one
 * too, through {@link takeSeq}); a deleted todo stays as a tombstone the feed returns. A cursor
 * is opaque to the page; here it holds the `seq` it is for and the retention epoch it was issued
 * in, so {@link expireCursors} makes every cursor issued so far too old (409 must-refetch).
 */
export class FakeTodoServer {
  readonly todos = new Map<string, Todo>();
  readonly tombstones = new Map<string, { id: string; version: number; seq: number }>();
  readonly requests: { method: string; body: unknown; idempotencyKey?: string }[] = [];
  /** Writes applied (a write sent again under its idempotency key is answered, not applied). */
  applied = 0;
  /** The next this many writes are applied and then their answers lost (the connection drops). */
  dropAnswers = 0;
  private readonly answered = new Map<string, { status: number; body: string }>();
  /** The reads answered, in order: a test counts what a resume cost. */
  readonly served: Served[] = [];
  /** The list's seq: the number of writes to it so far. */
  seq = 0;
  private readonly feed: boolean;
  private readonly pageSize: number;
  private epoch = 0;
  private override: Handler | undefined;
  private clock = Date.parse("2026-01-01T00:00:00Z");

  constructor(options: FakeTodoServerOptions = {}) {
    this.feed = options.feed ?? true;
    this.pageSize = options.pageSize ?? 100;
  }

  /** The next requests are answered by this handler first (return undefined to fall through). */
  intercept(handler: Handler | undefined): void {
    this.override = handler;
  }

  /** Another client's write, straight into the store; answers the todo as the wire carries it. */
  put(name: string, id = `t${this.todos.size + this.tombstones.size + 1}`, status: Todo["status"] = "pending"): Todo {
    const previous = this.todos.get(id);
    const gone = this.tombstones.get(id);
    const now = this.now();
    const todo: Todo = {
      id,
      name,
      status,
      version: (previous?.version ?? gone?.version ?? 0) + 1,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      seq: this.takeSeq(),
    };
    this.tombstones.delete(id);
    this.todos.set(id, todo);
    return this.wire(todo);
  }

  /** Another client's delete; answers the change as a frame carries it (undefined: there was none). */
  remove(id: string): TodoChange | undefined {
    const todo = this.todos.get(id);
    if (!todo) return undefined;
    this.todos.delete(id);
    const tombstone = { id, version: todo.version + 1, seq: this.takeSeq() };
    this.tombstones.set(id, tombstone);
    return this.feed ? { seq: tombstone.seq, op: "delete", id, version: tombstone.version } : { op: "delete", id, version: tombstone.version };
  }

  /** A write to the list that is not a todo (a rename) takes the next seq too. */
  takeSeq(): number {
    return ++this.seq;
  }

  /** The cursor for everything up to `seq` (the list's seq by default), as frames and reads carry it. */
  cursorAt(seq = this.seq): string {
    return btoa(JSON.stringify({ seq, epoch: this.epoch }));
  }

  /** Retention has passed every cursor issued so far: each answers 409 must-refetch from now on. */
  expireCursors(): void {
    this.epoch++;
  }

  /** A change as a frame or the feed carries it. */
  change(todo: Todo): TodoChange {
    return this.feed ? { seq: todo.seq, op: "upsert", todo: this.wire(todo) } : { op: "upsert", todo: this.wire(todo) };
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.method === "GET" ? undefined : await request.clone().json();
    const idempotencyKey = request.headers.get("Idempotency-Key") ?? undefined;
    this.requests.push(idempotencyKey === undefined ? { method: request.method, body } : { method: request.method, body, idempotencyKey });
    const overridden = await this.override?.(request, this);
    if (overridden) return overridden;
    if (request.method === "GET") return this.answer(request, body);
    if (idempotencyKey === undefined) return this.counted(await this.answer(request, body));
    // A write sent again under its key is answered as the first time, and applies nothing.
    const first = this.answered.get(idempotencyKey);
    if (first) return new Response(first.body, { status: first.status, headers: { "Content-Type": "application/json" } });
    const response = this.counted(await this.answer(request, body));
    this.answered.set(idempotencyKey, { status: response.status, body: await response.clone().text() });
    if (this.dropAnswers > 0) {
      this.dropAnswers--;
      throw new TypeError("Failed to fetch");
    }
    return response;
  };

  private counted(response: Response): Response {
    if (response.ok) this.applied++;
    return response;
  }

  private async answer(request: Request, body: unknown): Promise<Response> {
    const url = new URL(request.url);
    const segments = url.pathname.split("/");
    if (segments.at(-1) === "changes") {
      if (!this.feed) return problem(404, { type: "/problems/not-found", title: "Not found", detail: "No such route." });
      return request.method === "GET" ? this.changes(url.searchParams.get("after")) : problem(405, {});
    }
    const id = segments[segments.lastIndexOf("todos") + 1];
    switch (request.method) {
      case "GET": {
        if (id !== undefined) return this.todos.has(id) ? json(200, this.wire(this.todos.get(id)!)) : todoNotFound();
        const todos = [...this.todos.values()].map((todo) => this.wire(todo));
        this.served.push({ read: "list", items: todos.length });
        const response = json(200, todos);
        if (this.feed) response.headers.set("Livetodos-Cursor", this.cursorAt());
        return response;
      }
      case "POST": {
        const { id: newId, name, status } = body as { id: string; name: string; status: Todo["status"] };
        return json(201, this.put(name, newId, status));
      }
      case "PUT": {
        const updates = body as { id: string; changes: Partial<Todo>; version?: number }[];
        const missing = updates.filter((u) => !this.todos.has(u.id));
        if (missing.length > 0) return todoNotFound();
        const stale = updates.filter((u) => u.version !== undefined && u.version !== this.todos.get(u.id)!.version);
        if (stale.length > 0)
          return problem(409, {
            type: "/problems/conflict",
            title: "Conflict",
            detail: "The todo was changed by someone else.",
            conflicts: stale.map((u) => ({ id: u.id, currentVersion: this.todos.get(u.id)!.version })),
          });
        return json(
          200,
          updates.map((u) => {
            const todo = this.todos.get(u.id)!;
            return this.put(u.changes.name ?? todo.name, u.id, u.changes.status ?? todo.status);
          }),
        );
      }
      case "DELETE": {
        const ids = body as string[];
        const deleted = ids.filter((i) => this.remove(i) !== undefined);
        return json(200, this.feed ? { deleted, seq: this.seq } : { deleted });
      }
    }
    return problem(405, {});
  }

  /** `GET …/changes?after=<cursor>`: todos and tombstones after the cursor's seq, in seq order, paged. */
  private changes(after: string | null): Response {
    const from = after === null ? undefined : this.parse(after);
    if (from === undefined)
      return problem(400, { type: "/problems/invalid-request", title: "Invalid request", detail: "after must be a cursor this server issued." });
    if (from.epoch < this.epoch)
      return problem(409, { type: "/problems/must-refetch", title: "Must refetch", detail: "The changes after this cursor are no longer kept; read the whole list." });
    const all: TodoChange[] = [
      ...[...this.todos.values()].filter((todo) => todo.seq! > from.seq).map((todo) => this.change(todo)),
      ...[...this.tombstones.values()]
        .filter((tombstone) => tombstone.seq > from.seq)
        .map((tombstone): TodoChange => ({ seq: tombstone.seq, op: "delete", id: tombstone.id, version: tombstone.version })),
    ].sort((a, b) => a.seq! - b.seq!);
    const changes = all.slice(0, this.pageSize);
    const more = all.length > changes.length;
    this.served.push({ read: "changes", items: changes.length, more });
    // A page holds everything up to its last change; the last page everything up to the list's seq.
    return json(200, { changes, cursor: more ? this.cursorAt(changes.at(-1)!.seq) : this.cursorAt(), more });
  }

  private parse(cursor: string): { seq: number; epoch: number } | undefined {
    try {
      const { seq, epoch } = JSON.parse(atob(cursor)) as { seq: unknown; epoch: unknown };
      return typeof seq === "number" && typeof epoch === "number" ? { seq, epoch } : undefined;
    } catch {
      return undefined;
    }
  }

  /** The todo as this server's wire carries it: without `seq` before the feed. */
  private wire(todo: Todo): Todo {
    if (this.feed) return { ...todo };
    const { seq: _seq, ...older } = todo;
    return older;
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/**
 * The real server's answer for a todo the list does not hold (`ProblemDetailsExceptionHandler`):
 * the same type as a list the caller cannot see, told apart by its title.
 */
export function todoNotFound(): Response {
  return problem(404, { type: "/problems/not-found", title: "Todo not found", detail: "No todo with that id in this list." });
}

/** The real server's answer for a list that does not exist or that the caller is not a member of. */
export function listNotFound(): Response {
  return problem(404, { type: "/problems/not-found", title: "List not found", detail: "No list with that id." });
}

/** The real server's answer for a write the caller's role does not allow (`ListAccess`). */
export function forbidden(detail = "Only the owner of this list can do that; you are a viewer."): Response {
  return problem(403, { type: "/problems/forbidden", title: "Forbidden", detail });
}

export function problem(status: number, extra: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ type: "about:blank", title: "Problem", status, ...extra }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}
