import type { z } from "zod";
import {
  type Problem,
  type Ticket,
  type Todo,
  type TodoStatus,
  deletedSchema,
  problemSchema,
  ticketSchema,
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
  ) {
    super(message);
    this.name = "ApiError";
  }

  get conflicts(): { id: string; currentVersion: number }[] {
    return this.problem?.conflicts ?? [];
  }
}

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

/**
 * The HTTP contract of /api/todos, each answer checked against its schema, and the live
 * connection's ticket beside it (`/api/live/tickets`: the todo collection's sibling).
 */
export class TodoApi {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly credentials?: Credentials,
  ) {}

  list(signal?: AbortSignal): Promise<Todo[]> {
    return this.call(this.baseUrl, { signal }, todoListSchema);
  }

  /** The todo, or undefined when it no longer exists. */
  async get(id: string): Promise<Todo | undefined> {
    try {
      return await this.call(`${this.baseUrl}/${encodeURIComponent(id)}`, {}, todoSchema);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  async create(todo: { id: string; name: string; status: TodoStatus }): Promise<Todo> {
    return this.call(this.baseUrl, await json("POST", todo), todoSchema);
  }

  async update(updates: TodoUpdate[]): Promise<Todo[]> {
    return this.call(this.baseUrl, await json("PUT", updates), todoListSchema);
  }

  /** The ids that existed and are now gone. */
  async delete(ids: string[]): Promise<string[]> {
    return (await this.call(this.baseUrl, await json("DELETE", ids), deletedSchema)).deleted;
  }

  /**
   * A single-use ticket for one live connection, good for 30 seconds ("Identity"): a browser's
   * WebSocket cannot send the person's token, so the socket's address carries this instead.
   */
  async liveTicket(): Promise<Ticket> {
    return this.call(liveTicketsUrl(this.baseUrl), { method: "POST", headers: { "x-amz-content-sha256": EMPTY_BODY_SHA256 } }, ticketSchema);
  }

  private async call<T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
    let response = await this.send(url, init);
    // A token can expire between being read and arriving; one renewal and one retry put that right.
    if (response.status === 401 && this.credentials && (await this.credentials.renew())) {
      response = await this.send(url, init);
    }
    if (!response.ok) throw await problemError(response);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ApiError("The server sent an answer this page does not understand.", response.status);
    return parsed.data;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
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

/**
 * A JSON request. On AWS, CloudFront signs requests to the API's Lambda Function URL, and Lambda
 * takes a body's SHA-256 from the client (x-amz-content-sha256); the local server ignores it.
 * Browsers offer SHA-256 only on https and localhost, which is where it is needed.
 */
async function json(method: string, body: unknown): Promise<RequestInit> {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const subtle = globalThis.crypto?.subtle;
  if (subtle) headers["x-amz-content-sha256"] = hex(await subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return { method, headers, body: text };
}

/** `…/api/todos` → `…/api/live/tickets`: tickets sit beside the todo collection under the API's root. */
function liveTicketsUrl(todosUrl: string): string {
  return `${todosUrl.replace(/\/+$/, "").replace(/\/[^/]*$/, "")}/live/tickets`;
}

/** The SHA-256 of no body at all, for a POST without one (the same rule: Lambda takes the hash from the client). */
const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function problemError(response: Response): Promise<ApiError> {
  const parsed = problemSchema.safeParse(await response.json().catch(() => undefined));
  const problem = parsed.success ? parsed.data : undefined;
  return new ApiError(readable(response.status, problem), response.status, problem);
}

function readable(status: number, problem: Problem | undefined): string {
  switch (status) {
    case 409:
      return "Someone else changed this todo first. You now see their version.";
    case 401:
      return "You are signed out. Sign in again to save your changes.";
    case 404:
      return "This todo was deleted by someone else.";
    case 503:
      return "The server is busy or its storage is down. Try again in a moment.";
  }
  const firstError = problem?.errors?.[0]?.message;
  if (firstError) return firstError;
  if (status >= 500) return "The server ran into a problem. Try again in a moment.";
  return problem?.detail ?? problem?.title ?? `The server refused the request (${status}).`;
}
