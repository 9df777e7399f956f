import { describe, expect, it } from "vitest";
import { CONFIG_KEY, loadConfig, resolveConfig } from "./config";
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

describe("the settings read at start", () => {
  const page = new URL("http://localhost:8080/#/list/l1") as unknown as Location;
  const settings = { apiUrl: "/api", webSocketUrl: "/ws", issuer: "http://localhost:9090", clientId: "livetodos" };

  function memoryStorage() {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
  }

  it("givenTheServerAnswers_thenItsSettingsAreUsedAndRemembered", async () => {
    const storage = memoryStorage();

    const config = await loadConfig(page, storage, async () => new Response(JSON.stringify(settings)));

    expect(config.apiUrl).toBe("http://localhost:8080/api");
    expect(JSON.parse(storage.items.get(CONFIG_KEY)!)).toEqual(settings);
  });

  it("givenAStartOffline_thenTheSettingsLastReadAreUsed", async () => {
    const storage = memoryStorage();
    await loadConfig(page, storage, async () => new Response(JSON.stringify(settings)));

    const config = await loadConfig(page, storage, async () => {
      throw new TypeError("Failed to fetch");
    });

    expect(config).toMatchObject({ apiUrl: "http://localhost:8080/api", webSocketUrl: "ws://localhost:8080/ws", issuer: "http://localhost:9090" });
  });

  it("givenAFirstStartOffline_thenThePageCannotStart", async () => {
    await expect(
      loadConfig(page, memoryStorage(), async () => {
        throw new TypeError("Failed to fetch");
      }),
    ).rejects.toThrow("Failed to fetch");
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
