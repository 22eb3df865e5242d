/**
 * @module
 * `renderPage(c, <Page/>, { title })`: wraps a page in the layout, in the
 * visitor's language, with the doctype. Fragment routes return their partial
 * with `c.html(<Partial/>)` instead.
 */
import type { Context } from "hono";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../src/deps.ts";
import { Layout, type LayoutProps } from "./layout.tsx";

export interface PageOptions {
  title: string;
  scripts?: LayoutProps["scripts"];
  status?: ContentfulStatusCode;
}

/**
 * The request path as a link target that stays on this site: `//evil.example/x`
 * (or `/\\evil.example`) would be read by browsers as another host.
 */
export function sameSitePath(path: string): string {
  return `/${path.replace(/^[/\\]+/, "")}`;
}

export function renderPage(c: Context<AppEnv>, content: Child, options: PageOptions) {
  return c.html(
    <>
      {raw("<!DOCTYPE html>")}
      <Layout
        lang={c.get("lang")}
        t={c.get("t")}
        title={options.title}
        path={sameSitePath(c.req.path)}
        operator={c.get("deps").config.OPERATOR}
        scripts={options.scripts}
      >
        {content}
      </Layout>
    </>,
    options.status ?? 200,
  );
}
