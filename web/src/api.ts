import type { z } from "zod";
import {
  type Deleted,
  type FeedPage,
  type Invite,
  type Me,
  type Member,
  type Problem,
  type Role,
  type Ticket,
  type Todo,
  type TodoListInfo,
  type TodoStatus,
  deletedSchema,
  feedPageSchema,
  inviteSchema,
  meSchema,
  membersSchema,
  problemSchema,
  ticketSchema,
  todoListInfoSchema,
  todoListInfosSchema,
  todoListSchema,
  todoSchema,
} from "./todo";

export interface TodoUpdate {
  id: string;
  changes: { name?: string; status?: TodoStatus };
  /** The version the person saw; the server answers 409 if the todo has moved on since. */
  version?: number;
}

/** A request the API refused or could not answer, with a sentence a person can read. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problem?: Problem,
    /** The call was about a list the person can no longer see (404 on the list itself). */
    readonly listGone = false,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get conflicts(): { id: string; currentVersion: number }[] {
    return this.problem?.conflicts ?? [];
  }
}

/**
 * Whether a failed read is tried again (TanStack Query's `retry`): twice for what may pass (the
 * server unreachable, busy or failing), never for the server's considered answer about the request
 * (a 4xx, such as the 404 of a list the person was removed from, which the page acts on at once).
 */
export function retryRead(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

/** What the page says when a list it shows has gone (deleted, or the person removed from it). */
export const LIST_GONE = "This list is gone or you are no longer a member.";
/** What the page says when a viewer's write is refused. */
export const VIEW_ONLY = "You can view this list but not change it.";

type Fetch = typeof fetch;

/**
 * The person's access token for each call, and a way to get a new one when the server says the
 * one sent is no good (401). Absent where no one signs in.
 */
export interface Credentials {
  accessToken(): Promise<string | undefined>;
  /** Resolves true when a fresh token was obtained. */
  renew(): Promise<boolean>;
}

/** Sentences for statuses that mean something particular to one kind of call. */
type Sentences = Partial<Record<number, string>>;

/**
 * One HTTP exchange with the API: the bearer token on every call (renewed once after a 401),
 * each answer checked against its schema, problem details turned into a sentence.
 */
class Http {
  constructor(
    private readonly fetchFn: Fetch,
    private readonly credentials?: Credentials,
  ) {}

  async call<T>(url: string, init: RequestInit, schema: z.ZodType<T>, sentences: Sentences = {}, listGoneOn404 = false): Promise<T> {
    return (await this.read(url, init, schema, sentences, listGoneOn404)).body;
  }

  /** A call whose answer's headers matter too. */
  async read<T>(url: string, init: RequestInit, schema: z.ZodType<T>, sentences: Sentences = {}, listGoneOn404 = false): Promise<{ body: T; headers: Headers }> {
    const response = await this.exchange(url, init, sentences, listGoneOn404);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ApiError("The server sent an answer this page does not understand.", response.status);
    return { body: parsed.data, headers: response.headers };
  }

  /** A call whose success has no body to read (204). */
  async send(url: string, init: RequestInit, sentences: Sentences = {}, listGoneOn404 = false): Promise<void> {
    await this.exchange(url, init, sentences, listGoneOn404);
  }

  private async exchange(url: string, init: RequestInit, sentences: Sentences, listGoneOn404: boolean): Promise<Response> {
    let response = await this.once(url, init);
    // A token can expire between being read and arriving; one renewal and one retry put that right.
    if (response.status === 401 && this.credentials && (await this.credentials.renew())) {
      response = await this.once(url, init);
    }
    if (!response.ok) throw await problemError(response, sentences, listGoneOn404);
    return response;
  }

  private async once(url: string, init: RequestInit): Promise<Response> {
    const headers: Record<string, string> = { Accept: "application/json", ...(init.headers as Record<string, string>) };
    const token = await this.credentials?.accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await this.fetchFn(url, { ...init, headers });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError("Can't reach the server. Check your connection and try again.", 0);
    }
  }
}

const TODO_SENTENCES: Sentences = {
  403: VIEW_ONLY,
  404: "This todo was deleted by someone else.",
  409: "Someone else changed this todo first. You now see their version.",
};

/** The request header naming one write, so that sending it again applies nothing twice. */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/** What the server accepts as an idempotency key. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._~:-]{1,128}$/;

/**
 * Whether a write that failed so may succeed when sent again (an outbox keeps it and tries later):
 * anything but the server's considered refusal of it. A 4xx refuses, except a 401 (signed out: it
 * goes once the person signs in again), 408, 425 and 429. An answer the page cannot read may mean
 * the write was applied and the answer lost on the way: sent again under its key, it is answered
 * as the first time.
 */
export function mayPassOnRetry(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (error.status < 400 || error.status >= 500) return true;
  return [401, 408, 425, 429].includes(error.status);
}

/** The response header of the full list read that carries the cursor for what it returned. */
export const CURSOR_HEADER = "Livetodos-Cursor";

/** A full read of a list: its todos and, from a server with the change feed, where the feed resumes. */
export interface ListRead {
  todos: Todo[];
  cursor: string | undefined;
}

/**
 * The todo contract of v1, scoped to one list: `/api/lists/{listId}/todos` ("HTTP contract v2"),
 * and the list's change feed beside it (`/api/lists/{listId}/changes`). The base URL is the
 * collection's own, so the same class serves any list.
 */
export class TodoApi {
  private readonly http: Http;
  private readonly changesUrl: string;

  /** @param baseUrl the list's todos, such as `https://todos.example.com/api/lists/l1/todos` */
  constructor(
    private readonly baseUrl: string,
    fetchFn: Fetch = (input, init) => fetch(input, init),
    credentials?: Credentials,
  ) {
    this.http = new Http(fetchFn, credentials);
    this.changesUrl = baseUrl.replace(/\/todos\/?$/, "/changes");
  }

  /**
   * Every todo of the list, with the cursor the server sends for it (none from a server without the
   * change feed); a 404 here means the list itself is gone for this person.
   */
  async list(signal?: AbortSignal): Promise<ListRead> {
    const { body, headers } = await this.http.read(this.baseUrl, { signal }, todoListSchema, { 404: LIST_GONE }, true);
    return { todos: body, cursor: headers.get(CURSOR_HEADER) ?? undefined };
  }

  /**
   * One page of the list's changes after `cursor`. A cursor the server no longer keeps answers 409
   * (`…/must-refetch`), a malformed one 400: {@link mustRefetch} tells both apart from a passing
   * failure. A 404 titled "List not found" means the list is gone for this person.
   */
  changes(cursor: string, signal?: AbortSignal): Promise<FeedPage> {
    const url = `${this.changesUrl}?after=${encodeURIComponent(cursor)}`;
    return this.http.call(url, { signal }, feedPageSchema);
  }

  /** The todo, or undefined when it no longer exists. */
  async get(id: string): Promise<Todo | undefined> {
    try {
      return await this.http.call(`${this.baseUrl}/${encodeURIComponent(id)}`, {}, todoSchema, TODO_SENTENCES);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * Each write may carry an idempotency key: the server answers a write sent again under the same
   * key (after an answer was lost) exactly as the first time and applies nothing twice.
   */
  async create(todo: { id: string; name: string; status: TodoStatus }, idempotencyKey?: string): Promise<Todo> {
    return this.http.call(this.baseUrl, await json("POST", todo, idempotencyKey), todoSchema, TODO_SENTENCES);
  }

  async update(updates: TodoUpdate[], idempotencyKey?: string): Promise<Todo[]> {
    return this.http.call(this.baseUrl, await json("PUT", updates, idempotencyKey), todoListSchema, TODO_SENTENCES);
  }

  /**
   * The ids that existed and are now gone, and the list's seq after the delete: `{"deleted":[…]}`
   * from a server without the change feed, `{"deleted":[…],"seq":n}` from one with it.
   */
  async delete(ids: string[], idempotencyKey?: string): Promise<Deleted> {
    return this.http.call(this.baseUrl, await json("DELETE", ids, idempotencyKey), deletedSchema, TODO_SENTENCES);
  }
}

/**
 * Whether a failed feed read means the page must replace the list from a full read: the cursor is
 * older than the server keeps changes (409, type `…/must-refetch`; a feed read has no other
 * conflict), malformed (400), or the server has no feed at that address (a 404 that is not about
 * the list: a server rolled back to before the feed).
 */
export function mustRefetch(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 409 || error.status === 400 || (error.status === 404 && !error.listGone);
}

const LIST_SENTENCES: Sentences = {
  403: "Only the list's owner can do that.",
  404: LIST_GONE,
  409: "Someone else renamed this list first. You now see their name.",
};

const INVITE_SENTENCES: Sentences = {
  404: "This invite link is not valid any more (it may have expired). Ask the list's owner for a new one.",
};

/** The API of version 2 ("HTTP contract v2"): the person, their lists, members, invites, tickets. */
export class LivetodosApi {
  private readonly http: Http;

  /** @param root the API's root, such as `https://todos.example.com/api` */
  constructor(
    private readonly root: string,
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly credentials?: Credentials,
  ) {
    this.http = new Http(fetchFn, credentials);
  }

  me(): Promise<Me> {
    return this.http.call(`${this.root}/me`, {}, meSchema);
  }

  lists(signal?: AbortSignal): Promise<TodoListInfo[]> {
    return this.http.call(`${this.root}/lists`, { signal }, todoListInfosSchema);
  }

  async createList(list: { id: string; name: string }): Promise<TodoListInfo> {
    return this.http.call(`${this.root}/lists`, await json("POST", list), todoListInfoSchema, LIST_SENTENCES);
  }

  /** Renames the list if it is still at `version` (when given); 409 if someone renamed it since. */
  async renameList(listId: string, name: string, version?: number): Promise<TodoListInfo> {
    const body = version === undefined ? { name } : { name, version };
    return this.http.call(this.list(listId), await json("PUT", body), todoListInfoSchema, LIST_SENTENCES, true);
  }

  deleteList(listId: string): Promise<void> {
    return this.http.send(this.list(listId), { method: "DELETE" }, LIST_SENTENCES, true);
  }

  members(listId: string): Promise<Member[]> {
    return this.http.call(`${this.list(listId)}/members`, {}, membersSchema, LIST_SENTENCES, true);
  }

  /** Removes a member (the owner's doing), or the person themself (leaving the list). */
  removeMember(listId: string, userId: string): Promise<void> {
    return this.http.send(`${this.list(listId)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" }, {
      ...LIST_SENTENCES,
      403: "Only the list's owner can remove other people.",
    }, true);
  }

  async createInvite(listId: string, role: Exclude<Role, "owner">): Promise<Invite> {
    return this.http.call(`${this.list(listId)}/invites`, await json("POST", { role }), inviteSchema, {
      ...LIST_SENTENCES,
      403: "Only the list's owner can invite people.",
    }, true);
  }

  /** Joins the list the invite is for, and answers that list. */
  async acceptInvite(token: string): Promise<TodoListInfo> {
    return this.http.call(`${this.root}/invites/${encodeURIComponent(token)}`, emptyPost(), todoListInfoSchema, INVITE_SENTENCES);
  }

  /** A single-use ticket for one live connection ("Identity"): good for 30 seconds. */
  ticket(): Promise<Ticket> {
    return this.http.call(`${this.root}/live/tickets`, emptyPost(), ticketSchema);
  }

  /** The todo contract of one list. */
  todos(listId: string): TodoApi {
    return new TodoApi(`${this.list(listId)}/todos`, this.fetchFn, this.credentials);
  }

  private list(listId: string): string {
    return `${this.root}/lists/${encodeURIComponent(listId)}`;
  }
}

/**
 * A JSON request. On AWS, CloudFront signs requests to the API's Lambda Function URL, and Lambda
 * takes a body's SHA-256 from the client (x-amz-content-sha256); the local server ignores it.
 * Browsers offer SHA-256 only on https and localhost, which is where it is needed.
 */
async function json(method: string, body: unknown, idempotencyKey?: string): Promise<RequestInit> {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
  const subtle = globalThis.crypto?.subtle;
  if (subtle) headers["x-amz-content-sha256"] = hex(await subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return { method, headers, body: text };
}

/**
 * A POST without a body. The same rule as `json`: Lambda takes the body's SHA-256 from the client,
 * here the SHA-256 of nothing at all.
 */
function emptyPost(): RequestInit {
  return { method: "POST", headers: { "x-amz-content-sha256": EMPTY_BODY_SHA256 } };
}

const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The server's title of a 404 about the list itself (`ProblemDetailsExceptionHandler`): a todo
 * call answers it when the list is gone for the person, and "Todo not found" when only the todo
 * is. Both have the type `/problems/not-found`, so the title is what tells them apart.
 */
export const LIST_NOT_FOUND_TITLE = "List not found";

async function problemError(response: Response, sentences: Sentences, listGoneOn404: boolean): Promise<ApiError> {
  const parsed = problemSchema.safeParse(await response.json().catch(() => undefined));
  const problem = parsed.success ? parsed.data : undefined;
  const listGone = response.status === 404 && (listGoneOn404 || problem?.title === LIST_NOT_FOUND_TITLE);
  const message = listGone ? LIST_GONE : readable(response.status, problem, sentences);
  return new ApiError(message, response.status, problem, listGone);
}

function readable(status: number, problem: Problem | undefined, sentences: Sentences): string {
  const particular = sentences[status];
  if (particular) return particular;
  switch (status) {
    case 401:
      return "You are signed out. Sign in again to save your changes.";
    case 503:
      return "The server is busy or its storage is down. Try again in a moment.";
  }
  const firstError = problem?.errors?.[0]?.message;
  if (firstError) return firstError;
  if (status >= 500) return "The server ran into a problem. Try again in a moment.";
  return problem?.detail ?? problem?.title ?? `The server refused the request (${status}).`;
}
