import type { ConnectionState } from "../live";

const LABELS: Record<ConnectionState, { text: string; title: string }> = {
  connecting: { text: "Connecting", title: "Connecting to the server for live updates" },
  live: { text: "Live", title: "Changes from other windows appear here as they happen" },
  reconnecting: { text: "Reconnecting", title: "Lost the live connection; trying again. Changes made meanwhile will appear." },
  offline: { text: "Offline", title: "This device is offline. The list may be out of date." },
};

/**
 * What the badge says. Offline, it says how many of the person's changes wait in the outbox (all
 * of this browser's tabs' together): they are sent, in order, when the device is back online.
 */
export function badgeLabel(state: ConnectionState, waiting: number | undefined): { text: string; title: string } {
  if (state !== "offline" || waiting === undefined) return LABELS[state];
  return {
    text: `Offline — ${waiting} changes waiting`,
    title: "This device is offline. Changes made now are kept in this browser and sent when it is back online.",
  };
}

/** @param waiting the outbox's size; undefined where the page has no outbox */
export function ConnectionBadge({ state, waiting }: { state: ConnectionState; waiting?: number }) {
  const label = badgeLabel(state, waiting);
  return (
    <span className={`badge badge-${state}`} role="status" aria-live="polite" title={label.title} data-state={state} data-waiting={waiting}>
      <span className="badge-dot" aria-hidden="true" />
      {label.text}
    </span>
  );
}
