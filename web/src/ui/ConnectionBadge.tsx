import type { ConnectionState } from "../live";

const LABELS: Record<ConnectionState, { text: string; title: string }> = {
  connecting: { text: "Connecting", title: "Connecting to the server for live updates" },
  live: { text: "Live", title: "Changes from other windows appear here as they happen" },
  reconnecting: { text: "Reconnecting", title: "Lost the live connection; trying again. Changes made meanwhile will appear." },
  offline: { text: "Offline", title: "This device is offline. The list may be out of date." },
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const label = LABELS[state];
  return (
    <span className={`badge badge-${state}`} role="status" aria-live="polite" title={label.title} data-state={state}>
      <span className="badge-dot" aria-hidden="true" />
      {label.text}
    </span>
  );
}
