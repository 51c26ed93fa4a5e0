// A small Markdown renderer for run and model descriptions. It builds elements, never HTML
// strings, so a description cannot inject markup or scripts.
import type { ComponentChildren, VNode } from "preact";

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/;

function safeUrl(url: string): string | undefined {
  return /^(https?:\/\/|#|\/|\.\/)/i.test(url) ? url : undefined;
}

function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push(rest);
      break;
    }
    if (match.index > 0) out.push(rest.slice(0, match.index));
    const token = match[0];
    if (match[1]) out.push(<code>{token.slice(1, -1)}</code>);
    else if (match[2]) out.push(<strong>{inline(token.slice(2, -2))}</strong>);
    else if (match[3]) out.push(<em>{inline(token.slice(1, -1))}</em>);
    else {
      const cut = token.indexOf("](");
      const label = token.slice(1, cut);
      const url = safeUrl(token.slice(cut + 2, -1));
      out.push(url ? <a href={url} rel="noopener noreferrer" target={url.startsWith("#") ? undefined : "_blank"}>{label}</a> : label);
    }
    rest = rest.slice(match.index + token.length);
  }
  return out;
}

export function renderMarkdown(source: string): VNode[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: VNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.startsWith("```")) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? "").startsWith("```")) body.push(lines[i++] ?? "");
      i += 1;
      blocks.push(<pre><code>{body.join("\n")}</code></pre>);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const Tag = `h${Math.min(6, (heading[1] ?? "#").length + 2)}` as "h3";
      blocks.push(<Tag>{inline(heading[2] ?? "")}</Tag>);
      i += 1;
      continue;
    }
    const listItem = /^\s*([-*+]|\d+[.)])\s+(.*)$/;
    if (listItem.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: VNode[] = [];
      while (i < lines.length && listItem.test(lines[i] ?? "")) {
        items.push(<li>{inline(listItem.exec(lines[i] ?? "")?.[2] ?? "")}</li>);
        i += 1;
      }
      blocks.push(ordered ? <ol>{items}</ol> : <ul>{items}</ul>);
      continue;
    }
    if (line.startsWith(">")) {
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] ?? "").startsWith(">")) quoted.push((lines[i++] ?? "").replace(/^>\s?/, ""));
      blocks.push(<blockquote>{inline(quoted.join(" "))}</blockquote>);
      continue;
    }
    if (!line.trim()) {
      i += 1;
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && (lines[i] ?? "").trim() && !/^(#|```|>|\s*([-*+]|\d+[.)])\s)/.test(lines[i] ?? "")) {
      paragraph.push(lines[i++] ?? "");
    }
    blocks.push(<p>{inline(paragraph.join(" "))}</p>);
  }
  return blocks;
}

export function Markdown({ source }: { source: string }) {
  return <div class="markdown">{renderMarkdown(source)}</div>;
}
