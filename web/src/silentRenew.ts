import { UserManager } from "oidc-client-ts";

// The hidden frame of a silent renewal lands here with the issuer's answer; it hands the answer
// to the page that opened it (same origin only) and does nothing else. The settings are only
// what the library's constructor asks for: this frame talks to no one but its parent.
const origin = window.location.origin;
void new UserManager({ authority: origin, client_id: "livetodos", redirect_uri: `${origin}/` }).signinSilentCallback();
