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
});
export type Todo = z.infer<typeof todoSchema>;

export const todoListSchema = z.array(todoSchema);

export const todoChangeSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("upsert"), todo: todoSchema }),
  z.object({ op: z.literal("delete"), id: z.string(), version: z.number().int().positive() }),
]);
export type TodoChange = z.infer<typeof todoChangeSchema>;

export const serverFrameSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("changes"), changes: z.array(todoChangeSchema) }),
  z.object({ type: z.literal("pong") }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

export const deletedSchema = z.object({ deleted: z.array(z.string()) });

/** A single-use ticket for one live connection (`POST /api/live/tickets`), good until `expiresAt`. */
export const ticketSchema = z.object({ ticket: z.string().min(1), expiresAt: z.string() });
export type Ticket = z.infer<typeof ticketSchema>;

/** RFC 9457 problem details as the API sends them; every member is optional to a careful reader. */
export const problemSchema = z.object({
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

export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return "A todo needs a name.";
  if ([...name].length > MAX_NAME_LENGTH) return `Keep it under ${MAX_NAME_LENGTH} characters.`;
  return undefined;
}
