import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConnectionBadge, badgeLabel } from "./ConnectionBadge";

describe("the connection badge", () => {
  it("givenTheDeviceOffline_thenItSaysHowManyChangesWait", () => {
    expect(badgeLabel("offline", 3).text).toBe("Offline — 3 changes waiting");
    expect(badgeLabel("offline", 0).text).toBe("Offline — 0 changes waiting");
  });

  it("givenTheDeviceOnline_thenItSaysHowTheConnectionIs", () => {
    expect(badgeLabel("live", 2).text).toBe("Live");
    expect(badgeLabel("reconnecting", 2).text).toBe("Reconnecting");
  });

  it("givenNoOutbox_thenOfflineIsJustOffline", () => {
    expect(badgeLabel("offline", undefined).text).toBe("Offline");
  });

  it("isAPoliteStatusForScreenReaders", () => {
    const html = renderToStaticMarkup(<ConnectionBadge state="offline" waiting={1} />);

    expect(html).toContain('role="status"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain("Offline — 1 changes waiting");
  });
});
