import type { Credentials } from "./api";
import { type User, UserManager, type UserManagerSettings, WebStorageStateStore } from "oidc-client-ts";

/** Who signs people in, as /config.json names it: the same shape for the local issuer and Cognito. */
export interface AuthSettings {
  /** The OpenID Connect issuer; its discovery document is read from there. */
  issuer: string;
  clientId: string;
  /** Scopes to ask for; `openid profile` unless the issuer wants more (Cognito: `email`). */
  scope?: string;
  /**
   * Where signing out ends, for issuers whose discovery names no `end_session_endpoint`
   * (Cognito's `/logout`); it is sent `client_id` and `logout_uri`.
   */
  signOutUrl?: string;
}

/** What the page shows about the person: signed in (with a name), or asked to sign in again. */
export type SignInState = { status: "signed-in"; name: string } | { status: "signed-out" };

/** The path a silent renewal's hidden frame is sent back to; the issuer must allow it. */
export const SILENT_RENEW_PATH = "/silent-renew.html";

/**
 * The person's sign-in, the same way for every issuer: authorization code with PKCE in the
 * browser (oidc-client-ts), the tokens kept in local storage so every tab of the page shares one
 * sign-in, and renewed silently before they expire (a hidden frame to the issuer while its session
 * lives, or a refresh token where the issuer gives one). When renewal fails the page says so and
 * offers "Sign in" rather than leaving for the issuer by itself, so nothing typed is lost.
 */
export class Auth implements Credentials {
  private readonly manager: UserManager;
  private user: User | null = null;
  private state: SignInState = { status: "signed-out" };
  private readonly listeners = new Set<() => void>();
  private renewing: Promise<boolean> | undefined;

  constructor(
    private readonly settings: AuthSettings,
    private readonly location: Location = window.location,
    storage: Storage = window.localStorage,
    managerSettings: Partial<UserManagerSettings> = {},
  ) {
    const origin = location.origin;
    this.manager = new UserManager({
      authority: settings.issuer,
      client_id: settings.clientId,
      redirect_uri: `${origin}/`,
      silent_redirect_uri: `${origin}${SILENT_RENEW_PATH}`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: "code",
      scope: settings.scope ?? "openid profile",
      userStore: new WebStorageStateStore({ store: storage, prefix: "livetodos.oidc." }),
      stateStore: new WebStorageStateStore({ store: storage, prefix: "livetodos.oidc.state." }),
      automaticSilentRenew: true,
      accessTokenExpiringNotificationTimeInSeconds: 60,
      metadataSeed: settings.signOutUrl ? { end_session_endpoint: settings.signOutUrl } : undefined,
      ...managerSettings,
    });
    this.manager.events.addUserLoaded((user) => this.setUser(user));
    this.manager.events.addUserUnloaded(() => this.setUser(null));
    this.manager.events.addSilentRenewError(() => {
      // Offline, the issuer cannot be asked: the person stays signed in until it can.
      if (!offline() && this.user?.expired !== false) this.setUser(null);
    });
  }

  /**
   * Signs the person in and resolves when the page may call the API: finishes the issuer's
   * redirect back to the page (restoring the address the person was at, such as an invite link),
   * or takes the stored sign-in, renewing it if it has expired. Resolves false when the person must
   * sign in at the issuer ({@link signIn}).
   */
  async start(): Promise<boolean> {
    const params = new URLSearchParams(this.location.search);
    if (params.has("state") && (params.has("code") || params.has("error"))) {
      try {
        const user = await this.manager.signinCallback(this.location.href);
        this.restoreAddress(user?.state);
        if (user) this.setUser(user);
      } catch {
        this.restoreAddress(undefined);
      }
    }
    if (!this.user) {
      const stored = await this.manager.getUser();
      // Offline, an expired sign-in still says who the person is: the page starts with their lists
      // kept in this browser, their writes wait in the outbox, and the tokens are renewed once the
      // issuer can be reached again (the first call that needs one asks for it).
      if (stored && (!stored.expired || offline())) this.setUser(stored);
      else if (stored) await this.renew();
    }
    return this.user !== null;
  }

  /** Leaves for the issuer's sign-in page; the person comes back to the address they were at. */
  async signIn(): Promise<void> {
    const returnTo = this.location.pathname + this.location.search + this.location.hash;
    await this.manager.signinRedirect({ state: returnTo });
  }

  async signOut(): Promise<void> {
    const logoutUri = `${this.location.origin}/`;
    await this.manager.signoutRedirect(
      this.settings.signOutUrl ? { extraQueryParams: { logout_uri: logoutUri } } : {},
    ).catch(async () => {
      // The issuer cannot be reached: forget the tokens here at least.
      await this.manager.removeUser();
    });
  }

  /** A current access token, renewed first if it has expired; undefined when signed out. */
  async accessToken(): Promise<string | undefined> {
    if (this.user && !this.user.expired) return this.user.access_token;
    if (!this.user) return undefined;
    return (await this.renew()) ? this.user?.access_token : undefined;
  }

  /**
   * Asks the issuer for new tokens without leaving the page (after the API said 401, or when they
   * expired). Calls at the same time share one renewal. Resolves true when it got new tokens.
   */
  renew(): Promise<boolean> {
    this.renewing ??= this.manager
      .signinSilent()
      .then((user) => {
        this.setUser(user);
        return user !== null;
      })
      .catch(() => {
        if (!offline()) this.setUser(null);
        return false;
      })
      .finally(() => {
        this.renewing = undefined;
      });
    return this.renewing;
  }

  /** Who is signed in (the token's subject), for what the page keeps of theirs in this browser. */
  person(): string | undefined {
    return this.user?.profile.sub;
  }

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SignInState => this.state;

  private setUser(user: User | null): void {
    this.user = user;
    const next: SignInState = user ? { status: "signed-in", name: displayName(user) } : { status: "signed-out" };
    if (next.status === this.state.status && (next.status === "signed-out" || next.name === (this.state as { name: string }).name)) return;
    this.state = next;
    this.listeners.forEach((listener) => listener());
  }

  /** Puts the address the person was at back, without the issuer's code and state in it. */
  private restoreAddress(returnTo: unknown): void {
    const target = typeof returnTo === "string" && returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/";
    window.history.replaceState(window.history.state, "", target);
  }
}

/** The browser says it has no network: the issuer cannot be asked anything. */
function offline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

/** The name a person is shown by: the token's `name`, else `preferred_username`, else `email`. */
export function displayName(user: Pick<User, "profile">): string {
  const { name, preferred_username: username, email } = user.profile;
  return [name, username, email].find((value): value is string => typeof value === "string" && value.trim() !== "") ?? "you";
}
