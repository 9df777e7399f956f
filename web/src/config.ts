import { type RuntimeConfig, runtimeConfigSchema } from "./todo";

/**
 * Where the API and the live socket are, read at start from /config.json next to the page: the
 * local server answers it itself, on AWS it is written beside the assets at deploy time. So one
 * build of the page works everywhere. Relative URLs are taken from the page's own address.
 */
export async function loadConfig(
  location: Location = window.location,
  storage: Pick<Storage, "getItem" | "setItem"> | undefined = globalThis.localStorage,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): Promise<RuntimeConfig> {
  let read: RuntimeConfig;
  try {
    const response = await fetchFn(new URL("config.json", location.href), { cache: "no-store" });
    if (!response.ok) throw new Error(`config.json answered ${response.status}`);
    read = runtimeConfigSchema.parse(await response.json());
  } catch (error) {
    // Offline (or the server down), the page starts with the settings it last read: the service
    // worker keeps the page's files but never this answer, which names this deploy's socket and
    // issuer and must be fresh whenever it can be.
    const kept = remembered(storage);
    if (!kept) throw error;
    return resolveConfig(kept, location.href);
  }
  try {
    storage?.setItem(CONFIG_KEY, JSON.stringify(read));
  } catch {
    // storage full or refused: the page still starts, it just cannot start offline next time
  }
  return resolveConfig(read, location.href);
}

/** Where the page keeps the last settings it read, for a start while offline. */
export const CONFIG_KEY = "livetodos.config";

function remembered(storage: Pick<Storage, "getItem"> | undefined): RuntimeConfig | undefined {
  try {
    const parsed = runtimeConfigSchema.safeParse(JSON.parse(storage?.getItem(CONFIG_KEY) ?? "null"));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `apiUrl` is the API's root (`/api`): the routes of v2 are all under it ("HTTP contract v2"). */
export function resolveConfig(config: RuntimeConfig, pageUrl: string): RuntimeConfig {
  const apiUrl = new URL(config.apiUrl, pageUrl).href.replace(/\/+$/, "");
  const socketUrl = new URL(config.webSocketUrl, pageUrl);
  if (socketUrl.protocol === "http:") socketUrl.protocol = "ws:";
  if (socketUrl.protocol === "https:") socketUrl.protocol = "wss:";
  return { ...config, apiUrl, webSocketUrl: socketUrl.href };
}
