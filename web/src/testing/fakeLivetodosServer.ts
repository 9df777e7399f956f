import type { LiveFrame, Role, Todo, TodoChange, TodoListInfo } from "../todo";
import { FakeTodoServer, forbidden, json, listNotFound, problem } from "./fakeTodoServer";

type Handler = (request: Request, server: FakeLivetodosServer) => Response | undefined | Promise<Response | undefined>;

export interface FakePerson {
  id: string;
  name: string;
  token: string;
}

interface FakeList {
  id: string;
  name: string;
  ownerId: string;
  version: number;
  members: Map<string, Role>;
  /** The list's todos, its change feed and its `seq` (which a rename takes too). */
  todos: FakeTodoServer;
}

/**
 * The v2 contract ("HTTP contract v2") held in memory, for unit tests of the page's classes: who
 * the bearer token names, lists with roles, members, invites and single-use tickets, each rule as
 * the contract states it: no token → 401, a list the caller is not a member of → 404 (its
 * existence not revealed), a viewer's write → 403, owner-only calls → 403 for other members,
 * nothing written on any 4xx. The live frames the server would send go to {@link frames}; each
 * list's todos and change feed are a {@link FakeTodoServer} (with the feed unless `feed: false`).
 */
export class FakeLivetodosServer {
  readonly people = new Map<string, FakePerson>();
  readonly lists = new Map<string, FakeList>();
  readonly invites = new Map<string, { listId: string; role: Role }>();
  readonly tickets = new Map<string, string>();
  readonly requests: { method: string; path: string; person?: string }[] = [];
  /** Frames for each person's sockets, in the order the server would send them. */
  readonly frames: { personId: string; frame: LiveFrame }[] = [];
  private override: Handler | undefined;
  private counter = 0;
  private readonly seen = new Set<string>();

  constructor(
    readonly origin = "http://livetodos.test",
    private readonly options: { feed?: boolean; pageSize?: number } = {},
  ) {}

  /** The next requests are answered by this handler first (return undefined to fall through). */
  intercept(handler: Handler | undefined): void {
    this.override = handler;
  }

  /** Someone who has signed up; their token is what the page sends as its bearer. */
  person(name: string): FakePerson {
    const id = `u${++this.counter}`;
    const person = { id, name, token: `token-of-${id}` };
    this.people.set(person.token, person);
    return person;
  }

  /** A list owned by `owner`, with these other members. */
  list(owner: FakePerson, name: string, members: [FakePerson, Role][] = [], id = `l${++this.counter}`): FakeList {
    const list: FakeList = { id, name, ownerId: owner.id, version: 1, members: new Map([[owner.id, "owner"]]), todos: new FakeTodoServer(this.options) };
    for (const [member, role] of members) list.members.set(member.id, role);
    this.lists.set(id, list);
    return list;
  }

  info(list: FakeList, personId: string): TodoListInfo {
    return { id: list.id, name: list.name, role: list.members.get(personId)!, version: list.version, seq: list.todos.seq };
  }

  /** The frame the server sends for these changes of a list: with the cursor for the last of them. */
  changesFrame(list: FakeList, ...changes: (Todo | TodoChange)[]): LiveFrame {
    const carried = changes.map((change) => ("op" in change ? change : list.todos.change(change)));
    const seqs = carried.map((change) => change.seq);
    if (seqs.some((seq) => seq === undefined)) return { type: "changes", listId: list.id, changes: carried };
    return { type: "changes", listId: list.id, cursor: list.todos.cursorAt(Math.max(...(seqs as number[]))), changes: carried };
  }

  /** The owner renames a list, as the server's own doing (another page's): every member gets the frame. */
  rename(list: FakeList, name: string): void {
    list.name = name;
    list.version++;
    list.todos.takeSeq();
    for (const memberId of list.members.keys())
      this.frames.push({ personId: memberId, frame: { type: "list", op: "upsert", list: this.info(list, memberId) } });
  }

  /** The owner deletes a list, or someone is removed: as the server's own doing (another page's). */
  removeMember(list: FakeList, personId: string): void {
    list.members.delete(personId);
    this.frames.push({ personId, frame: { type: "list", op: "removed", listId: list.id } });
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "");
    const person = token === undefined ? undefined : this.people.get(token);
    this.requests.push({ method: request.method, path: url.pathname, person: person?.id });
    const overridden = await this.override?.(request, this);
    if (overridden) return overridden;
    if (!person) return problem(401, { title: "Unauthorized" });
    const [, api, first, second, third, fourth] = url.pathname.split("/");
    if (api !== "api") return problem(404, {});
    const body = async () => (await request.clone().json()) as Record<string, unknown>;

    if (first === "me" && request.method === "GET") return json(200, { id: person.id, name: person.name });
    if (first === "live" && second === "tickets" && request.method === "POST") {
      const ticket = `ticket-${++this.counter}`;
      this.tickets.set(ticket, person.id);
      return json(201, { ticket, expiresAt: new Date(Date.now() + 30_000).toISOString() });
    }
    if (first === "invites" && second && request.method === "POST") {
      const invite = this.invites.get(decodeURIComponent(second));
      const list = invite && this.lists.get(invite.listId);
      if (!invite || !list) return problem(404, { type: "/problems/not-found", title: "Invite not found", detail: "No such invite, or it has expired." });
      if (!list.members.has(person.id)) list.members.set(person.id, invite.role);
      this.frames.push({ personId: person.id, frame: { type: "list", op: "upsert", list: this.info(list, person.id) } });
      return json(200, this.info(list, person.id));
    }
    if (first !== "lists") return problem(404, {});

    if (second === undefined) {
      if (request.method === "GET") {
        // A person's first sign-in creates their list "My todos".
        if (!this.seen.has(person.id)) {
          this.seen.add(person.id);
          this.list(person, "My todos");
        }
        return json(200, [...this.lists.values()].filter((list) => list.members.has(person.id)).map((list) => this.info(list, person.id)));
      }
      if (request.method === "POST") {
        const { id, name } = (await body()) as { id?: string; name: string };
        const existing = id === undefined ? undefined : this.lists.get(id);
        if (existing)
          return existing.ownerId === person.id && existing.name === name
            ? json(200, this.info(existing, person.id))
            : problem(409, { type: "/problems/conflict", title: "Conflict", detail: "A list with that id exists.", conflicts: [] });
        return json(201, this.info(this.list(person, name, [], id), person.id));
      }
      return problem(405, {});
    }

    const list = this.lists.get(decodeURIComponent(second));
    const role = list?.members.get(person.id);
    if (!list || !role) return listNotFound();
    const owner = role === "owner";

    if (third === undefined) {
      if (request.method === "PUT") {
        if (!owner) return forbidden();
        const { name, version } = (await body()) as { name: string; version?: number };
        if (version !== undefined && version !== list.version)
          return problem(409, { type: "/problems/conflict", title: "Conflict", detail: "The list was renamed by someone else.", conflicts: [{ id: list.id, currentVersion: list.version }] });
        this.rename(list, name);
        return json(200, this.info(list, person.id));
      }
      if (request.method === "DELETE") {
        if (!owner) return forbidden();
        this.lists.delete(list.id);
        for (const memberId of list.members.keys()) this.frames.push({ personId: memberId, frame: { type: "list", op: "removed", listId: list.id } });
        return new Response(null, { status: 204 });
      }
      return problem(405, {});
    }
    if (third === "members") {
      if (request.method === "GET")
        return json(200, [...list.members].map(([id, memberRole]) => ({ id, name: this.nameOf(id), role: memberRole })));
      if (request.method === "DELETE" && fourth) {
        const memberId = decodeURIComponent(fourth);
        if (!owner && memberId !== person.id) return forbidden();
        // As the real server: the owner leaving is a 403 (ListAccess), not a conflict.
        if (list.members.get(memberId) === "owner") return forbidden("The owner cannot leave their own list; delete it instead.");
        if (list.members.has(memberId)) this.removeMember(list, memberId);
        return new Response(null, { status: 204 });
      }
      return problem(405, {});
    }
    if (third === "invites" && request.method === "POST") {
      if (!owner) return forbidden();
      const { role: inviteRole } = (await body()) as { role: Role };
      if (inviteRole !== "editor" && inviteRole !== "viewer")
        return problem(400, { type: "/problems/invalid-request", title: "Invalid request", detail: "role must be editor or viewer", errors: [{ field: "role", message: "role must be editor or viewer" }] });
      const token = `invite-${++this.counter}`;
      this.invites.set(token, { listId: list.id, role: inviteRole });
      return json(201, { token, url: `${this.origin}/#/invite/${token}`, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    }
    if (third === "todos") {
      if (request.method !== "GET" && role === "viewer") return forbidden();
      return list.todos.fetch(request);
    }
    if (third === "changes") return list.todos.fetch(request);
    return problem(404, {});
  };

  private nameOf(personId: string): string {
    return [...this.people.values()].find((person) => person.id === personId)?.name ?? personId;
  }
}
