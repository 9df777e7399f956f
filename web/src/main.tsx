import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError, TodoApi } from "./api";
import { Auth } from "./auth";
import { createTodoStore } from "./collection";
import { loadConfig } from "./config";
import { LiveChanges } from "./live";
import { Notices } from "./notices";
import "./styles.css";
import { App } from "./ui/App";

const root = createRoot(document.getElementById("root")!);

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
  let live: LiveChanges | undefined;
  const api = new TodoApi(config.apiUrl, undefined, auth);
  const store = createTodoStore({
    api,
    onWriteError: (error) => notices.show(readable(error, "Something went wrong. Your change was not saved.")),
    onStale: () => void live?.resync(),
  });
  live = new LiveChanges({
    url: config.webSocketUrl,
    // Where people sign in, the socket opens only with a ticket got with their token.
    ticket: auth ? async () => (await api.liveTicket()).ticket : undefined,
    renew: auth ? () => auth.renew() : undefined,
    apply: store.apply,
    refetch: store.refetch,
    onReadError: (error) => notices.show(readable(error, "Could not load the latest todos. Retrying…")),
  });
  live.start();
  root.render(
    <StrictMode>
      <App todos={store.collection} live={live} notices={notices} auth={auth} />
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
