// The sign-in page, shown in place of any page when the server asks for credentials (a 401).
// The user name and password are checked with the server (`users/current`) before they are kept
// for the tab; the page the user asked for then renders, its URL unchanged.
import { useState } from "preact/hooks";
import * as api from "../api";
import { signIn } from "../auth";

/** What the sign-in page says for an error of the check. */
function problem(error: Error): string {
  if (error instanceof api.ApiError) {
    if (error.status === 401) return "Wrong user name or password.";
    if (error.status === 429) return "Too many failed sign-ins: wait a moment, then try again.";
  }
  return `Could not sign in: ${error.message}`;
}

export function SignInPage() {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!username || !password) {
      setError("Enter your user name and password.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.currentUser({ username, password });
      signIn({ username, password });
    } catch (err) {
      setError(problem(err as Error));
      setPassword("");
      setBusy(false);
    }
  };

  return (
    <div class="signin">
      <form class="signin-box" onSubmit={submit} data-testid="signin">
        <h1>Sign in to Trackline</h1>
        <p class="muted">This server asks who you are. Use the user name and password your administrator gave you.</p>
        <label>
          User name
          <input
            name="username"
            autocomplete="username"
            value={username}
            onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
            autofocus
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </label>
        {error && (
          <div class="error" role="alert" data-testid="signin-error">
            {error}
          </div>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <p class="muted small">You stay signed in until you sign out or close this tab.</p>
      </form>
    </div>
  );
}
