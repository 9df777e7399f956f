import { readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";

const ORIGIN = "http://localhost:8080";
const SOURCE = readFileSync(path.resolve(__dirname, "../public/sw.js"), "utf8");

/** The Cache Storage API in memory, keyed by URL without its query (as `ignoreSearch` matches). */
class MemoryCache {
  readonly entries = new Map<string, Response>();
  private keyOf(request: Request | string): string {
    const url = new URL(typeof request === "string" ? request : request.url, ORIGIN);
    return `${url.origin}${url.pathname}`;
  }
  async addAll(requests: Request[]) {
    for (const request of requests) this.entries.set(this.keyOf(request), await network(request));
  }
  async put(request: Request | string, response: Response) {
    this.entries.set(this.keyOf(request), response);
  }
  async match(request: Request | string) {
    return this.entries.get(this.keyOf(request))?.clone();
  }
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
  async delete(request: Request) {
    return this.entries.delete(this.keyOf(request));
  }
}

let online = true;
const served: string[] = [];
async function network(input: Request | string): Promise<Response> {
  const url = new URL(typeof input === "string" ? input : input.url, ORIGIN);
  if (!online) throw new TypeError("Failed to fetch");
  served.push(url.pathname);
  if (url.pathname === "/shell-files.json") return Response.json(["/", "/assets/index-abc.js", "/favicon.svg"]);
  return new Response(`network ${url.pathname}`, { status: 200 });
}

/** Runs public/sw.js as a browser would, with its events fired by the test. */
function givenServiceWorker() {
  const cache = new MemoryCache();
  const listeners = new Map<string, (event: unknown) => void>();
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
  };
  runInNewContext(SOURCE, { self, caches: { open: async () => cache }, fetch: network, URL, Request, Response, Set, console });
  const install = async () => {
    let done: Promise<unknown> = Promise.resolve();
    listeners.get("install")!({ waitUntil: (work: Promise<unknown>) => (done = work) });
    await done;
  };
  /** The page's request: answered by the worker (a response), or left to the network (undefined). */
  const request = async (url: string, init: RequestInit & { navigate?: boolean } = {}) => {
    let answer: Promise<Response> | undefined;
    const request = new Request(new URL(url, ORIGIN), init);
    Object.defineProperty(request, "mode", { value: init.navigate ? "navigate" : "cors" });
    listeners.get("fetch")!({ request, respondWith: (response: Promise<Response>) => (answer = response) });
    return answer === undefined ? undefined : await (await answer).text();
  };
  return { cache, install, request };
}

describe("the app shell's service worker", () => {
  it("keepsEveryFileTheBuildListsWhenItInstalls", async () => {
    online = true;
    const worker = givenServiceWorker();
    await worker.cache.put("/assets/index-old.js", new Response("an older build"));

    await worker.install();

    expect([...worker.cache.entries.keys()].sort()).toEqual([`${ORIGIN}/`, `${ORIGIN}/assets/index-abc.js`, `${ORIGIN}/favicon.svg`]);
  });

  it("givenAReloadWhileOffline_thenThePageAndItsFilesComeFromWhatItKept", async () => {
    online = true;
    const worker = givenServiceWorker();
    await worker.install();
    online = false;

    expect(await worker.request("/?code=x", { navigate: true })).toBe("network /");
    expect(await worker.request("/assets/index-abc.js")).toBe("network /assets/index-abc.js");
  });

  it("givenThePageOnline_thenItIsTheNetworksSoANewDeployIsSeenAtOnce", async () => {
    online = true;
    const worker = givenServiceWorker();
    await worker.install();
    served.length = 0;

    await worker.request("/", { navigate: true });

    expect(served).toEqual(["/"]);
  });

  it("neverAnswersTheApiTheSocketTheSettingsAWriteOrAnotherOrigin", async () => {
    online = true;
    const worker = givenServiceWorker();
    await worker.install();

    expect(await worker.request("/api/lists")).toBeUndefined();
    expect(await worker.request("/api/lists/l1/changes?after=abc")).toBeUndefined();
    expect(await worker.request("/ws?ticket=t")).toBeUndefined();
    expect(await worker.request("/config.json")).toBeUndefined();
    expect(await worker.request("/assets/index-abc.js", { method: "POST", body: "{}" })).toBeUndefined();
    expect(await worker.request("http://localhost:9090/authorize")).toBeUndefined();
  });
});
