import { type RuntimeConfig, runtimeConfigSchema } from "./todo";

/**
 * Where the API and the live socket are, read at start from /config.json next to the page: the
 * local server answers it itself, on AWS it is written beside the assets at deploy time. So one
 * build of the page works everywhere. Relative URLs are taken from the page's own address.
 */
export async function loadConfig(location: Location = window.location): Promise<RuntimeConfig> {
  const response = await fetch(new URL("config.json", location.href), { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return resolveConfig(runtimeConfigSchema.parse(await response.json()), location.href);
}

/** `apiUrl` is the API's root (`/api`): the routes of v2 are all under it ("HTTP contract v2"). */
export function resolveConfig(config: RuntimeConfig, pageUrl: string): RuntimeConfig {
  const apiUrl = new URL(config.apiUrl, pageUrl).href.replace(/\/+$/, "");
  const socketUrl = new URL(config.webSocketUrl, pageUrl);
  if (socketUrl.protocol === "http:") socketUrl.protocol = "ws:";
  if (socketUrl.protocol === "https:") socketUrl.protocol = "wss:";
  return { ...config, apiUrl, webSocketUrl: socketUrl.href };
}
