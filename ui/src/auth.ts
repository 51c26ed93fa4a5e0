// Who the UI calls the server as. A server with authentication on answers 401 to a call without
// (or with wrong) credentials; the UI then shows its sign-in page. The user name and password are
// kept for this tab only (sessionStorage: gone when the tab closes, never shared with other tabs,
// never in a cookie) and sent by api.ts as HTTP basic authentication on every call. Signing out
// forgets them.
import { useEffect, useState } from "preact/hooks";

export interface Credentials {
  username: string;
  password: string;
}

const KEY = "trackline.credentials";
const CHANGED = "trackline:auth";

/** Whether the server has asked for credentials (a 401) since the page loaded. */
let required = false;

function read(): Credentials | undefined {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    const value = raw ? (JSON.parse(raw) as Partial<Credentials>) : undefined;
    if (value && typeof value.username === "string" && typeof value.password === "string") {
      return { username: value.username, password: value.password };
    }
  } catch {
    // storage unavailable or unreadable: no credentials
  }
  return undefined;
}

function changed(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** The credentials held for this tab, if any. */
export const credentials = (): Credentials | undefined => read();

/** `Basic base64(user:password)`, with the pair encoded as UTF-8 first. */
export function basicAuthorization({ username, password }: Credentials): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** The `Authorization` header value of every call, or undefined when signed out. */
export function authorization(): string | undefined {
  const held = read();
  return held ? basicAuthorization(held) : undefined;
}

/** Keep `creds` for this tab (after the server accepted them). */
export function signIn(creds: Credentials): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(creds));
  required = false;
  changed();
}

/** Forget the credentials; the sign-in page shows again. */
export function signOut(): void {
  window.sessionStorage.removeItem(KEY);
  required = true;
  changed();
}

/** Called by api.ts on a 401: the held credentials (if any) no longer work. */
export function unauthenticated(): void {
  window.sessionStorage.removeItem(KEY);
  if (!required) {
    required = true;
    changed();
  }
}

export interface AuthState {
  /** The server asked for credentials and none that work are held: show the sign-in page. */
  required: boolean;
  user: string | undefined;
}

/** The sign-in state, re-rendering on sign-in, sign-out and 401s. */
export function useAuth(): AuthState {
  const snapshot = (): AuthState => ({ required, user: read()?.username });
  const [state, setState] = useState(snapshot);
  useEffect(() => {
    const update = () => setState(snapshot());
    window.addEventListener(CHANGED, update);
    return () => window.removeEventListener(CHANGED, update);
  }, []);
  return state;
}
