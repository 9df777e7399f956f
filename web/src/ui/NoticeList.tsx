import { useSyncExternalStore } from "react";
import type { Notices } from "../notices";
import { CrossIcon } from "./icons";

export function NoticeList({ notices }: { notices: Notices }) {
  const items = useSyncExternalStore(notices.subscribe, notices.getAll);
  return (
    <div className="notices" role="alert" aria-live="assertive">
      {items.map((notice) => (
        <div key={notice.id} className="notice" data-testid="notice">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="9" />
            <path d="M12 7.5v5.5M12 16.5v.01" />
          </svg>
          <span dir="auto">{notice.text}</span>
          {notice.action && (
            <button
              type="button"
              className="notice-action"
              onClick={() => {
                notices.dismiss(notice.id);
                notice.action?.run();
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => notices.dismiss(notice.id)}>
            <CrossIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
