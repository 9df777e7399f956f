import { z } from "zod";

// No code generated at run time (zod's JIT probes `new Function`), so a strict
// Content-Security-Policy without 'unsafe-eval' holds.
z.config({ jitless: true });

/** The wire contract from ARCHITECTURE.md ("HTTP contract" and "Live changes"). */

export const TODO_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_NAME_LENGTH = 500;

export const todoStatusSchema = z.enum(["pending", "completed"]);
export type TodoStatus = z.infer<typeof todoStatusSchema>;

export const todoSchema = z.object({
  id: z.string().regex(TODO_ID_PATTERN),
  name: z.string(),
  status: todoStatusSchema,
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The list's seq of the todo's last write ("Change feed and resume"); absent from older servers. */
  seq: z.number().int().nonnegative().optional(),
});
export type Todo = z.infer<typeof todoSchema>;

export const todoListSchema = z.array(todoSchema);

/** The place of a change in its list's sequence; frames and the feed carry it, older servers do not. */
const seqSchema = z.number().int().positive().optional();

/** One change of a list, as frames and the change feed carry it ("Change feed and resume"). */
export const todoChangeSchema = z.discriminatedUnion("op", [
  z.object({ seq: seqSchema, op: z.literal("upsert"), todo: todoSchema }),
  z.object({ seq: seqSchema, op: z.literal("delete"), id: z.string(), version: z.number().int().positive() }),
]);
export type TodoChange = z.infer<typeof todoChangeSchema>;

/**
 * One page of `GET /api/lists/{listId}/changes?after=<cursor>`: every change after the cursor, in
 * `seq` order, and the cursor for what the page returned; `more` until the feed is read through.
 */
export const feedPageSchema = z.object({
  changes: z.array(todoChangeSchema),
  cursor: z.string().min(1),
  more: z.boolean(),
});
export type FeedPage = z.infer<typeof feedPageSchema>;

/** What a person may do in a list ("Lists and members"): viewers read, editors and owners write. */
export const roleSchema = z.enum(["owner", "editor", "viewer"]);
export type Role = z.infer<typeof roleSchema>;

/** One of the person's lists, as `GET /api/lists` and `list` frames carry it. */
export const todoListInfoSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  role: roleSchema,
  version: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
});
export type TodoListInfo = z.infer<typeof todoListInfoSchema>;
export const todoListInfosSchema = z.array(todoListInfoSchema);

export const meSchema = z.object({ id: z.string().min(1), name: z.string() });
export type Me = z.infer<typeof meSchema>;

export const memberSchema = z.object({ id: z.string().min(1), name: z.string(), role: roleSchema });
export type Member = z.infer<typeof memberSchema>;
export const membersSchema = z.array(memberSchema);

export const inviteSchema = z.object({ token: z.string().min(1), url: z.string(), expiresAt: z.string() });
export type Invite = z.infer<typeof inviteSchema>;

/**
 * Server → page frames of "Live changes v2": todo changes of one list, and the person's lists.
 *
 * A server whose fan-out is not scoped yet sends v1's frame, `{"type":"changes","changes":[…]}`
 * with no `listId`, to every socket, whatever list its changes are in. Its changes cannot be
 * written into any list (they may be another list's), so it is read as `unscoped`: something
 * changed somewhere, and the open list is read again.
 */
export const serverFrameSchema = z.union([
  // `cursor` is for the highest `seq` in the frame; older servers send neither.
  z.object({
    type: z.literal("changes"),
    listId: z.string().min(1),
    cursor: z.string().min(1).optional(),
    // The id of the server's trace that sent the frame (for the console); a bad one is dropped, not the frame.
    trace: z.string().regex(/^[0-9a-f]{32}$/).optional().catch(undefined),
    changes: z.array(todoChangeSchema),
  }),
  z.object({ type: z.literal("list"), op: z.literal("upsert"), list: todoListInfoSchema }),
  z.object({ type: z.literal("list"), op: z.literal("removed"), listId: z.string().min(1) }),
  z.object({ type: z.literal("pong") }),
  z
    .object({ type: z.literal("changes"), listId: z.undefined().optional(), changes: z.array(z.unknown()) })
    .transform(() => ({ type: "unscoped" as const })),
]);
export type ServerFrame = z.output<typeof serverFrameSchema>;
/** The frames that change what the page holds (everything but `pong`). */
export type LiveFrame = Exclude<ServerFrame, { type: "pong" }>;

/** A list name follows the todo name's rule: trimmed, 1..500 characters. */
export const MAX_LIST_NAME_LENGTH = MAX_NAME_LENGTH;

/** The DELETE answer: the ids that were there, and (from the change feed on) the list's seq after it. */
export const deletedSchema = z.object({ deleted: z.array(z.string()), seq: z.number().int().nonnegative().optional() });
export type Deleted = z.infer<typeof deletedSchema>;

/** A single-use ticket for one live connection (`POST /api/live/tickets`), good until `expiresAt`. */
export const ticketSchema = z.object({ ticket: z.string().min(1), expiresAt: z.string() });
export type Ticket = z.infer<typeof ticketSchema>;

/** RFC 9457 problem details as the API sends them; every member is optional to a careful reader. */
export const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  conflicts: z.array(z.object({ id: z.string(), currentVersion: z.number() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * What the page reads at start: where the API and the live-changes socket are, and who signs
 * people in (the issuer and the page's client id; absent only on a server that asks no one to sign
 * in).
 */
export const runtimeConfigSchema = z.object({
  apiUrl: z.string().min(1),
  webSocketUrl: z.string().min(1),
  issuer: z.url({ protocol: /^https?$/ }).optional(),
  clientId: z.string().min(1).optional(),
  scope: z.string().min(1).optional(),
  signOutUrl: z.url({ protocol: /^https?$/ }).optional(),
}).refine((config) => (config.issuer === undefined) === (config.clientId === undefined), {
  message: "issuer and clientId come together",
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** Names are trimmed like the server trims them, so the optimistic row shows what will be stored. */
export function normalizeName(raw: string): string {
  return raw.replace(/^[\s\u200B\uFEFF]+|[\s\u200B\uFEFF]+$/g, "");
}

export function listNameProblem(name: string): string | undefined {
  if (name.length === 0) return "A list needs a name.";
  if ([...name].length > MAX_LIST_NAME_LENGTH) return `Keep it under ${MAX_LIST_NAME_LENGTH} characters.`;
  return undefined;
}

export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return "A todo needs a name.";
  if ([...name].length > MAX_NAME_LENGTH) return `Keep it under ${MAX_NAME_LENGTH} characters.`;
  return undefined;
}
