import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError, LivetodosApi } from "./api";
import { Auth } from "./auth";
import { loadConfig } from "./config";
import { LiveChanges } from "./live";
import { Notices } from "./notices";
import { Outbox } from "./outbox";
import { databaseName, openPersistence } from "./persistence";
import { browserAddress } from "./route";
import "./styles.css";
import { App } from "./ui/App";
import { ListWorkspace } from "./workspace";

const root = createRoot(document.getElementById("root")!);

// The app shell (public/sw.js), so that a reload while offline shows the page. Not in `vite` dev,
// whose modules change with every edit.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch((error: unknown) => console.info("livetodos cannot load offline here:", error));
}

function readable(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

async function start(): Promise<void> {
  const config = await loadConfig();
  const auth =
    config.issuer && config.clientId
      ? new Auth({ issuer: config.issuer, clientId: config.clientId, scope: config.scope, signOutUrl: config.signOutUrl })
      : undefined;
  if (auth && !(await auth.start())) {
    await auth.signIn(); // leaves for the issuer's sign-in page and comes back here signed in
    return;
  }
  const notices = new Notices();
  const api = new LivetodosApi(config.apiUrl, undefined, auth);
  // The person's own database and outbox in this browser (in memory and sent at once where the
  // browser cannot keep them); a server that asks no one to sign in has one person, whoever uses
  // the page.
  const person = auth?.person() ?? "anyone";
  const persistence = await openPersistence(person, {
    onUnavailable: (error) => console.info("livetodos keeps this page's lists in memory only:", error),
  });
  let outbox: Outbox | undefined;
  const workspace = new ListWorkspace({
    api,
    notices,
    address: browserAddress(),
    persistence,
    writer: () => outbox,
    onStore: (store) => outbox?.register(store),
  });
  // Before the first read: the writes an earlier page left are shown pending and replayed.
  outbox = await Outbox.start({ name: await databaseName(person), host: workspace.stores }).catch((error: unknown) => {
    console.info("livetodos sends this page's writes at once, with no outbox:", error);
    return undefined;
  });
  const live = new LiveChanges({
    url: config.webSocketUrl,
    ticket: async () => (await api.ticket()).ticket,
    renew: auth ? () => auth.renew() : undefined,
    apply: workspace.apply,
    refetch: workspace.refetch,
    onReadError: (error) => notices.show(readable(error, "Could not load the latest todos. Retrying…")),
  });
  // An invite link is accepted before the first read, so that read has the list it joined.
  await workspace.start(live);
  live.start();
  root.render(
    <StrictMode>
      <App workspace={workspace} live={live} notices={notices} auth={auth} outbox={outbox} />
    </StrictMode>,
  );
}

start().catch(() => {
  root.render(
    <div className="page">
      <main className="card fatal" role="alert">
        <h1>livetodos could not start</h1>
        <p>
          The page could not read its settings from the server or reach its sign-in. Check that the server is running, then
          reload.
        </p>
      </main>
    </div>,
  );
});
