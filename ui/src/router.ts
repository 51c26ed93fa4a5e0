// Hash routes, the same as MLflow's (`#/experiments/1/runs/<id>`, `#/models/<name>/versions/<v>`),
// with the view state of each page in the query part of the hash (`#/experiments/1?filter=...`).
import { useEffect, useState } from "preact/hooks";

export interface Location {
  /** Decoded path segments: `#/models/a%2Fb/versions/2` gives ["models", "a/b", "versions", "2"]. */
  segments: string[];
  query: URLSearchParams;
}

const CHANGED = "trackline:location";

export function currentLocation(): Location {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const cut = hash.indexOf("?");
  const path = cut < 0 ? hash : hash.slice(0, cut);
  const segments = path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { segments, query: new URLSearchParams(cut < 0 ? "" : hash.slice(cut + 1)) };
}

export type QueryValues = Record<string, string | number | boolean | null | undefined>;

function encodeQuery(values: QueryValues | URLSearchParams): string {
  const params = new URLSearchParams();
  const entries = values instanceof URLSearchParams ? [...values.entries()] : Object.entries(values);
  for (const [key, value] of entries) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    params.set(key, value === true ? "1" : String(value));
  }
  const text = params.toString().replace(/\+/g, "%20");
  return text ? `?${text}` : "";
}

/** The href of a page: `href(["experiments", "1"], {filter: "..."})`. */
export function href(segments: (string | number)[], query: QueryValues = {}): string {
  return `#/${segments.map((s) => encodeURIComponent(String(s))).join("/")}${encodeQuery(query)}`;
}

export function navigate(target: string): void {
  window.location.hash = target.replace(/^#/, "");
}

/** Changes some query values of the current page, replacing the history entry (no new one). */
export function setQuery(changes: QueryValues, push = false): void {
  const { segments, query } = currentLocation();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === "" || value === false) query.delete(key);
    else query.set(key, value === true ? "1" : String(value));
  }
  const target = href(segments) + encodeQuery(query);
  if (push) {
    navigate(target);
    return;
  }
  window.history.replaceState(window.history.state, "", target);
  window.dispatchEvent(new Event(CHANGED));
}

export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    window.addEventListener("hashchange", update);
    window.addEventListener(CHANGED, update);
    return () => {
      window.removeEventListener("hashchange", update);
      window.removeEventListener(CHANGED, update);
    };
  }, []);
  return location;
}

/** A list kept in the query as comma-separated values (keys with commas are percent-encoded). */
export function listParam(query: URLSearchParams, name: string): string[] {
  const raw = query.get(name);
  if (!raw) return [];
  return raw.split(",").filter(Boolean).map(decodeURIComponent);
}

export function listValue(items: string[]): string {
  return items.map((i) => i.replace(/%/g, "%25").replace(/,/g, "%2C")).join(",");
}
