import { describe, expect, it } from "vitest";
import { resolveConfig } from "./config";
import { newTodoId } from "./ids";

describe("runtime config", () => {
  it("resolvesRelativeUrlsAgainstThePageAndTurnsHttpIntoWs", () => {
    expect(resolveConfig({ apiUrl: "/api", webSocketUrl: "/ws" }, "http://localhost:8080/#/active")).toEqual({
      apiUrl: "http://localhost:8080/api",
      webSocketUrl: "ws://localhost:8080/ws",
    });
    expect(resolveConfig({ apiUrl: "/api/", webSocketUrl: "/ws" }, "https://todos.example.com/")).toEqual({
      apiUrl: "https://todos.example.com/api",
      webSocketUrl: "wss://todos.example.com/ws",
    });
  });

  it("keepsAbsoluteUrlsAsWrittenAtDeploy", () => {
    const config = { apiUrl: "https://d1.cloudfront.net/api", webSocketUrl: "wss://abc.execute-api.eu-west-1.amazonaws.com/live" };

    expect(resolveConfig(config, "https://d1.cloudfront.net/")).toEqual(config);
  });
});

describe("new todo ids", () => {
  it("areVersion4UuidsAlsoWhereRandomUuidIsMissing", () => {
    const insecureContext = { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff) } as unknown as Crypto;

    const id = newTodoId(insecureContext);

    expect(id).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    expect(newTodoId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
