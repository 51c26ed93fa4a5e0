// The page shell: header, the page the hash route names, and a last-resort error display.
import { Component, type ComponentChildren, type FunctionComponent } from "preact";
import { signOut, useAuth } from "./auth";
import { useAsync } from "./hooks";
import { type Location, useLocation } from "./router";
import { ErrorMessage, Loading, NotFound } from "./components/Status";
import { timeZoneName } from "./format";
import { ExperimentsPage } from "./pages/Experiments";
import { RunsPage } from "./pages/Runs";
import { SignInPage } from "./pages/SignIn";

type PageModule = { default: FunctionComponent<{ location: Location }> };

// Pages past the first are loaded when opened, so the runs table's first paint stays small.
const lazyPages: Record<string, () => Promise<PageModule>> = {
  run: () => import("./pages/RunPage"),
  compare: () => import("./pages/Compare"),
  models: () => import("./pages/Models"),
  model: () => import("./pages/ModelPage"),
  version: () => import("./pages/VersionPage"),
};

function LazyPage({ name, location }: { name: string; location: Location }) {
  const load = lazyPages[name];
  const page = useAsync(() => (load ? load() : Promise.reject(new Error(`No page ${name}`))), [name]);
  if (page.error) return <ErrorMessage error={page.error} title="This page could not be loaded" />;
  if (!page.data) return <Loading />;
  const Page = page.data.default;
  return <Page location={location} />;
}

function route(location: Location) {
  const [first, id, second, runId, ...rest] = location.segments;
  if (!first || (first === "experiments" && !id)) return <ExperimentsPage location={location} />;
  if (first === "experiments" && id) {
    if (!second || (second === "runs" && !runId)) return <RunsPage experimentId={id} location={location} />;
    if (second === "runs" && runId) return <LazyPage name="run" location={location} />;
  }
  if (first === "compare-runs") return <LazyPage name="compare" location={location} />;
  if (first === "models") {
    if (!id) return <LazyPage name="models" location={location} />;
    if (!second) return <LazyPage name="model" location={location} />;
    if (second === "versions" && runId && rest.length === 0) return <LazyPage name="version" location={location} />;
  }
  return <NotFound what={`There is no page at #/${location.segments.join("/")}.`} />;
}

class ErrorBoundary extends Component<{ children: ComponentChildren; resetKey: string }, { error?: Error }> {
  override state: { error?: Error } = {};
  override componentDidCatch(error: Error) {
    this.setState({ error });
  }
  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }
  render() {
    if (this.state.error) return <ErrorMessage error={this.state.error} title="This page failed" />;
    return this.props.children;
  }
}

export function App() {
  const location = useLocation();
  const auth = useAuth();
  const section = location.segments[0] === "models" ? "models" : "experiments";
  return (
    <>
      <header class="top">
        <a class="brand" href="#/experiments">
          Trackline
        </a>
        {!auth.required && (
          <nav>
            <a href="#/experiments" class={section === "experiments" ? "active" : ""}>
              Experiments
            </a>
            <a href="#/models" class={section === "models" ? "active" : ""}>
              Models
            </a>
          </nav>
        )}
        {auth.user && !auth.required && (
          <div class="account" data-testid="account">
            <span>
              Signed in as <strong>{auth.user}</strong>
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main>
        {auth.required ? (
          <SignInPage />
        ) : (
          <ErrorBoundary resetKey={location.segments.join("/")}>{route(location)}</ErrorBoundary>
        )}
      </main>
      <footer>Times are shown in {timeZoneName()}.</footer>
    </>
  );
}
