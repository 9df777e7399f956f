import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiError, IDEMPOTENCY_KEY_PATTERN, TodoApi, mayPassOnRetry, mustRefetch } from "./api";
import { FakeTodoServer, json, problem } from "./testing/fakeTodoServer";

const API = "http://livetodos.test/api/lists/l1/todos";

describe("TodoApi", () => {
  it("sendsEachBodysSha256SoCloudFrontCanSignItForTheFunctionUrl", async () => {
    const seen: { body: string; hash: string | null }[] = [];
    const server = new FakeTodoServer();
    server.intercept(async (request) => {
      seen.push({ body: await request.clone().text(), hash: request.headers.get("x-amz-content-sha256") });
      return undefined;
    });
    const api = new TodoApi(API, server.fetch);

    const created = await api.create({ id: "a", name: "Buy milk", status: "pending" });
    await api.update([{ id: created.id, changes: { status: "completed" } }]);
    await api.delete([created.id]);

    expect(seen).toHaveLength(3);
    for (const { body, hash } of seen) expect(hash).toBe(createHash("sha256").update(body).digest("hex"));
  });

  it("givenAnIdempotencyKey_thenEveryWriteCarriesItAndASecondSendingIsAnsweredAsTheFirst", async () => {
    const server = new FakeTodoServer();
    const api = new TodoApi(API, server.fetch);
    const key = crypto.randomUUID();
    expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);

    const first = await api.create({ id: "a", name: "Buy milk", status: "pending" }, key);
    const again = await api.create({ id: "a", name: "Buy milk", status: "pending" }, key);
    await api.update([{ id: "a", changes: { status: "completed" } }], `${key}:u`);
    await api.delete(["a"], `${key}:d`);

    expect(server.requests.map((r) => r.idempotencyKey)).toEqual([key, key, `${key}:u`, `${key}:d`]);
    expect(again).toEqual(first);
    expect(server.applied).toBe(3);
  });

  it("tellsAWriteThatMayPassWhenSentAgainFromOneTheServerRefused", () => {
    expect(mayPassOnRetry(new ApiError("Can't reach the server.", 0))).toBe(true);
    expect(mayPassOnRetry(new ApiError("busy", 503))).toBe(true);
    expect(mayPassOnRetry(new ApiError("signed out", 401))).toBe(true);
    expect(mayPassOnRetry(new ApiError("too many", 429))).toBe(true);
    expect(mayPassOnRetry(new ApiError("unreadable answer", 200))).toBe(true);
    expect(mayPassOnRetry(new TypeError("Failed to fetch"))).toBe(true);
    for (const status of [400, 403, 404, 409, 422]) expect(mayPassOnRetry(new ApiError("refused", status))).toBe(false);
  });

  it("turnsProblemDetailsIntoASentenceAPersonCanRead", async () => {
    const server = new FakeTodoServer();
    server.intercept(() => problem(400, { errors: [{ field: "name", message: "name is too long" }] }));

    const failed = new TodoApi(API, server.fetch).create({ id: "a", name: "x", status: "pending" });

    await expect(failed).rejects.toSatisfy((error) => error instanceof ApiError && error.status === 400);
    await expect(failed).rejects.toThrow("name is too long");
  });

  it("saysTheServerIsUnreachableWhenTheRequestCannotBeSent", async () => {
    const api = new TodoApi(API, () => Promise.reject(new TypeError("Failed to fetch")));

    await expect(api.list()).rejects.toThrow(/can't reach the server/i);
  });

  it("sendsThePersonsTokenAndRenewsItOnceWhenTheServerRefusesIt", async () => {
    const server = new FakeTodoServer();
    const seen: (string | null)[] = [];
    server.intercept((request) => {
      const authorization = request.headers.get("authorization");
      seen.push(authorization);
      return authorization === "Bearer fresh" ? undefined : problem(401, { title: "Unauthorized" });
    });
    let token = "expired";
    let renewals = 0;
    const credentials = {
      accessToken: async () => token,
      renew: async () => {
        renewals++;
        token = "fresh";
        return true;
      },
    };

    const { todos } = await new TodoApi(API, server.fetch, credentials).list();

    expect(todos).toEqual([]);
    expect(seen).toEqual(["Bearer expired", "Bearer fresh"]);
    expect(renewals).toBe(1);
  });

  it("saysThePersonIsSignedOutWhenRenewingDoesNotHelp", async () => {
    const server = new FakeTodoServer();
    server.intercept(() => problem(401, { title: "Unauthorized" }));
    const credentials = { accessToken: async () => "revoked", renew: async () => false };

    const failed = new TodoApi(API, server.fetch, credentials).list();

    await expect(failed).rejects.toSatisfy((error) => error instanceof ApiError && error.status === 401);
    await expect(failed).rejects.toThrow(/signed out/i);
  });

  it("givenAServerWithTheFeed_thenTheFullReadCarriesItsCursorAndTheFeedIsReadBesideTheTodos", async () => {
    const server = new FakeTodoServer();
    server.put("Milk", "a");
    const urls: string[] = [];
    server.intercept((request) => void urls.push(request.url));
    const api = new TodoApi(API, server.fetch);

    const read = await api.list();
    server.put("Bread", "b");
    const page = await api.changes(read.cursor!);

    expect(read.todos.map((todo) => [todo.id, todo.seq])).toEqual([["a", 1]]);
    expect(read.cursor).toBe(server.cursorAt(1));
    expect(urls[1]).toBe(`http://livetodos.test/api/lists/l1/changes?after=${encodeURIComponent(read.cursor!)}`);
    expect(page).toEqual({ changes: [{ seq: 2, op: "upsert", todo: expect.objectContaining({ id: "b", seq: 2 }) }], cursor: server.cursorAt(2), more: false });
  });

  it("givenAServerWithoutTheFeed_thenTheFullReadHasNoCursor", async () => {
    const server = new FakeTodoServer({ feed: false });
    server.put("Milk", "a");

    const read = await new TodoApi(API, server.fetch).list();

    expect(read).toEqual({ todos: [expect.not.objectContaining({ seq: expect.anything() })], cursor: undefined });
  });

  it("readsBothDeleteAnswers_theOneBeforeTheFeedAndTheOneWithTheListsSeq", async () => {
    const before = new FakeTodoServer({ feed: false });
    before.put("Old", "a");
    const after = new FakeTodoServer();
    after.put("Old", "a");
    after.put("Older", "b");

    const deletedBefore = await new TodoApi(API, before.fetch).delete(["a", "nope"]);
    const deletedAfter = await new TodoApi(API, after.fetch).delete(["a", "b", "nope"]);

    expect(deletedBefore).toEqual({ deleted: ["a"] });
    expect(deletedAfter).toEqual({ deleted: ["a", "b"], seq: 4 });
  });

  it("tellsACursorTheServerNoLongerHasOrCannotReadFromAPassingFailure", async () => {
    const server = new FakeTodoServer();
    const api = new TodoApi(API, server.fetch);
    const { cursor } = await api.list();
    server.expireCursors();

    const expired = await api.changes(cursor!).catch((e: unknown) => e);
    const malformed = await api.changes("not-a-cursor").catch((e: unknown) => e);
    const noFeed = await new TodoApi(API, new FakeTodoServer({ feed: false }).fetch).changes(cursor!).catch((e: unknown) => e);
    server.intercept(() => problem(503, {}));
    const busy = await api.changes(cursor!).catch((e: unknown) => e);
    server.intercept(() => problem(404, { type: "/problems/not-found", title: "List not found" }));
    const listGone = await api.changes(cursor!).catch((e: unknown) => e);

    expect(expired).toMatchObject({ status: 409, problem: { type: "/problems/must-refetch" } });
    expect([expired, malformed, noFeed].map(mustRefetch)).toEqual([true, true, true]);
    expect([busy, listGone].map(mustRefetch)).toEqual([false, false]);
    expect(listGone).toMatchObject({ listGone: true });
  });

  it("givenAFeedPageOutsideTheContract_thenItSaysItDoesNotUnderstandIt", async () => {
    const api = new TodoApi(API, async () => json(200, { changes: [{ op: "upsert" }], more: false }));

    await expect(api.changes("c")).rejects.toThrow(/does not understand/);
  });
});
