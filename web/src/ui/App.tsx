import { useLiveQuery } from "@tanstack/react-db";
import { useSyncExternalStore } from "react";
import type { Auth } from "../auth";
import type { ConnectionState, LiveChanges } from "../live";
import type { Notices } from "../notices";
import type { Outbox } from "../outbox";
import type { TodoListInfo } from "../todo";
import type { ListWorkspace } from "../workspace";
import { Account } from "./Account";
import { ConnectionBadge } from "./ConnectionBadge";
import { ListHeader } from "./ListHeader";
import { ListSwitcher } from "./ListSwitcher";
import { NoticeList } from "./NoticeList";
import { TodoListView } from "./TodoListView";

export interface AppProps {
  workspace: ListWorkspace;
  live: Pick<LiveChanges, "subscribe" | "getState">;
  notices: Notices;
  /** The person's outbox: how many of their changes wait to be sent; absent where there is none. */
  outbox?: Pick<Outbox, "subscribe" | "getWaiting">;
  /** The person's sign-in; absent on a server that asks no one to sign in. */
  auth?: Pick<Auth, "subscribe" | "getState" | "signIn" | "signOut">;
}

export function App({ workspace, live, notices, auth, outbox }: AppProps) {
  const connection: ConnectionState = useSyncExternalStore(live.subscribe, live.getState);
  const waiting = useSyncExternalStore(outbox?.subscribe ?? noSubscription, outbox?.getWaiting ?? nothingWaiting);
  const { listsRead, listId, store, filter } = useSyncExternalStore(workspace.subscribe, workspace.getSnapshot);
  const listCollection = workspace.lists.collection;
  const { data } = useLiveQuery((q) => q.from({ list: listCollection }), [listCollection]);
  const lists = inServerOrder((data ?? []) as TodoListInfo[], workspace.lists.order());
  const open = lists.find((list) => list.id === listId);

  return (
    <div className="page">
      {auth && (
        <header className="topbar">
          <Account auth={auth} />
        </header>
      )}
      <ListSwitcher lists={lists} openId={listId} onCreate={(name) => workspace.createList(name)} />
      <main className="card" aria-labelledby={open ? "list-title" : "app-title"}>
        <header className="card-header">
          <h1 id="app-title">
            <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
              <rect width="32" height="32" rx="9" />
              <path d="M9 16.5l4.5 4.5L23 11.5" />
            </svg>
            livetodos
          </h1>
          <ConnectionBadge state={connection} waiting={waiting} />
        </header>

        {/* Siblings' keys must differ: with the list's id as the key of both, React lost track of
            the header when the list changed and left the old one on the page. */}
        {open && <ListHeader key={`header:${open.id}`} list={open} workspace={workspace} notices={notices} />}

        {store && (open || !listsRead) ? (
          <TodoListView key={`todos:${store.listId}`} store={store} filter={filter} notices={notices} readOnly={open?.role === "viewer"} />
        ) : !listsRead ? (
          <p className="empty" role="status">
            Loading your lists…
          </p>
        ) : (
          <div className="empty" role="status">
            <p className="empty-title">No lists</p>
            <p className="empty-hint">Create a list above, or open an invite link someone sent you.</p>
          </div>
        )}
      </main>
      <footer className="footnote">
        <p>Share a list and every change shows up for everyone in it, live.</p>
      </footer>
      <section aria-label="Notices">
        <NoticeList notices={notices} />
      </section>
    </div>
  );
}

/** The lists as the server orders them; lists just created here, not yet confirmed, come last. */
function inServerOrder(lists: TodoListInfo[], order: string[]): TodoListInfo[] {
  const position = new Map(order.map((id, index) => [id, index]));
  return [...lists].sort((a, b) => (position.get(a.id) ?? order.length) - (position.get(b.id) ?? order.length));
}

const noSubscription = () => () => undefined;
const nothingWaiting = () => undefined;
