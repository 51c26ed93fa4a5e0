// How pages show loading, errors and emptiness: always a message, never a blank page.
import type { ComponentChildren } from "preact";
import { ApiError } from "../api";

export function ErrorMessage({ error, title }: { error: Error | undefined; title?: string }) {
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : error.name;
  return (
    <div class="error" role="alert" data-testid="error">
      {title && <strong>{title}: </strong>}
      <span class="error-message">{error.message}</span>
      {code && <span class="error-code"> ({code})</span>}
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  return (
    <div class="loading" aria-busy="true">
      Loading{what ? ` ${what}` : ""}…
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

export function NotFound({ what }: { what: string }) {
  return (
    <div class="page">
      <h1>Not found</h1>
      <div class="error" role="alert" data-testid="error">
        {what}
      </div>
      <p>
        <a href="#/experiments">Back to the experiments</a>
      </p>
    </div>
  );
}
