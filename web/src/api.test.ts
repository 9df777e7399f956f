import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiError, TodoApi } from "./api";
import { FakeTodoServer, problem } from "./testing/fakeTodoServer";

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

    const todos = await new TodoApi(API, server.fetch, credentials).list();

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
});
