import { useSyncExternalStore } from "react";
import type { Auth, SignInState } from "../auth";

export interface AccountProps {
  auth: Pick<Auth, "subscribe" | "getState" | "signIn" | "signOut">;
}

/** The person's name and "Sign out"; when the sign-in has lapsed, a way back in that keeps the page. */
export function Account({ auth }: AccountProps) {
  const state: SignInState = useSyncExternalStore(auth.subscribe, auth.getState);
  if (state.status === "signed-out") {
    return (
      <div className="account signed-out" role="alert">
        <span>You are signed out.</span>
        <button type="button" className="link-button" onClick={() => void auth.signIn()}>
          Sign in
        </button>
      </div>
    );
  }
  return (
    <div className="account">
      <span className="account-name" title="Signed in">
        {state.name}
      </span>
      <button type="button" className="link-button" onClick={() => void auth.signOut()}>
        Sign out
      </button>
    </div>
  );
}
