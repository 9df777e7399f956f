import type { Todo } from "../todo";

type Handler = (request: Request, server: FakeTodoServer) => Response | undefined | Promise<Response | undefined>;

/**
 * The todo contract of one list (`…/todos`) held in memory, for unit tests of one class: answers
 * like the real server (versions, 404/409 problem details) and lets a test make a request fail.
 */
export class FakeTodoServer {
  readonly todos = new Map<string, Todo>();
  readonly requests: { method: string; body: unknown }[] = [];
  private override: Handler | undefined;
  private clock = Date.parse("2026-01-01T00:00:00Z");

  /** The next requests are answered by this handler first (return undefined to fall through). */
  intercept(handler: Handler | undefined): void {
    this.override = handler;
  }

  /** Another client's write, straight into the store. */
  put(name: string, id = `t${this.todos.size + 1}`, status: Todo["status"] = "pending"): Todo {
    const previous = this.todos.get(id);
    const now = this.now();
    const todo: Todo = {
      id,
      name,
      status,
      version: (previous?.version ?? 0) + 1,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    this.todos.set(id, todo);
    return todo;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.method === "GET" ? undefined : await request.clone().json();
    this.requests.push({ method: request.method, body });
    const overridden = await this.override?.(request, this);
    if (overridden) return overridden;
    const segments = new URL(request.url).pathname.split("/");
    const id = segments[segments.lastIndexOf("todos") + 1];
    switch (request.method) {
      case "GET":
        if (id === undefined) return json(200, [...this.todos.values()]);
        return this.todos.has(id) ? json(200, this.todos.get(id)) : todoNotFound();
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
        const deleted = ids.filter((i) => this.todos.delete(i));
        return json(200, { deleted });
      }
    }
    return problem(405, {});
  };

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
