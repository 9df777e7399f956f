import { User } from "oidc-client-ts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Auth } from "./auth";

const ISSUER = "http://localhost:9090";
const CLIENT = "livetodos";
const page = new URL("http://localhost:8080/") as unknown as Location;

/** Local storage holding Ada's sign-in from an earlier visit, its tokens expired an hour ago. */
function storageWithExpiredSignIn(): Storage {
  const items = new Map<string, string>();
  const user = new User({
    access_token: "expired-token",
    token_type: "Bearer",
    profile: { sub: "ada-subject", iss: ISSUER, aud: CLIENT, exp: 0, iat: 0, name: "Ada" },
    expires_at: Math.floor(Date.now() / 1000) - 3_600,
  });
  items.set(`livetodos.oidc.user:${ISSUER}:${CLIENT}`, user.toStorageString());
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    key: (index) => [...items.keys()][index] ?? null,
    clear: () => items.clear(),
    get length() {
      return items.size;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("signing in when the page starts", () => {
  it("givenAnExpiredSignInWhileOffline_thenThePageStartsAsThatPersonAndRenewsLater", async () => {
    vi.stubGlobal("navigator", { onLine: false });
    const auth = new Auth({ issuer: ISSUER, clientId: CLIENT }, page, storageWithExpiredSignIn(), { automaticSilentRenew: false });

    expect(await auth.start()).toBe(true);

    expect(auth.person()).toBe("ada-subject");
    expect(auth.getState()).toEqual({ status: "signed-in", name: "Ada" });
    expect(await auth.renew()).toBe(false); // the issuer cannot be reached…
    expect(auth.getState().status).toBe("signed-in"); // …and the person is still who they were
  });

  it("givenAnExpiredSignInOnlineThatCannotBeRenewed_thenThePersonMustSignInAgain", async () => {
    vi.stubGlobal("navigator", { onLine: true });
    const auth = new Auth({ issuer: ISSUER, clientId: CLIENT }, page, storageWithExpiredSignIn(), {
      automaticSilentRenew: false,
      // No issuer answers here: the silent renewal fails, as it does when the issuer's session ended.
      metadata: { issuer: ISSUER, authorization_endpoint: `${ISSUER}/authorize`, token_endpoint: `${ISSUER}/token` },
    });

    expect(await auth.start()).toBe(false);
    expect(auth.person()).toBeUndefined();
  });
});
