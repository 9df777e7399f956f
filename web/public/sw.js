// The app shell, kept so that a reload while offline shows the page (issue 13). It keeps only the
// files the build emitted (shell-files.json) and hands every other request to the network as if
// it were not here: the API (/api/), the live socket (/ws), the page's settings (/config.json, which
// the page itself remembers) and other origins (the issuer) are never answered from here.
"use strict";

const CACHE = "livetodos-shell";
const SHELL_LIST = "/shell-files.json";

/** Whether the shell answers this request at all. */
function handles(request, origin) {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  if (url.origin !== origin) return false;
  const path = url.pathname;
  return !(path.startsWith("/api/") || path === "/api" || path === "/ws" || path.startsWith("/ws/") || path === "/config.json");
}

async function precache() {
  const files = await (await fetch(SHELL_LIST, { cache: "no-store" })).json();
  const cache = await caches.open(CACHE);
  await cache.addAll(files.map((file) => new Request(new URL(file, self.location.origin), { cache: "reload" })));
  // A new build's files replace the last one's: what this build did not emit goes.
  const wanted = new Set(files.map((file) => new URL(file, self.location.origin).href));
  for (const request of await cache.keys()) if (!wanted.has(request.url)) await cache.delete(request);
}

/**
 * The page itself: the network's when it answers (a new deploy is seen at once), else the kept
 * copy. The hashed files: the kept copy (they never change), else the network's, kept for next time.
 */
async function answer(request) {
  const cache = await caches.open(CACHE);
  if (request.mode === "navigate") {
    try {
      const fresh = await fetch(request);
      if (fresh.ok && new URL(request.url).pathname === "/") await cache.put("/", fresh.clone());
      return fresh;
    } catch (offline) {
      const path = new URL(request.url).pathname;
      const kept = (await cache.match(path, { ignoreSearch: true, ignoreVary: true })) ?? (await cache.match("/", { ignoreVary: true }));
      if (kept) return kept;
      throw offline;
    }
  }
  // ignoreVary: a module script is asked for with an Origin header the precache's requests had not,
  // and the server answers "Vary: Origin".
  const kept = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
  if (kept) return kept;
  const fresh = await fetch(request);
  if (fresh.ok && new URL(request.url).pathname.startsWith("/assets/")) await cache.put(request, fresh.clone());
  return fresh;
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  if (!handles(event.request, self.location.origin)) return;
  event.respondWith(answer(event.request));
});
