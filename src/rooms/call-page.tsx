/**
 * @module
 * `renderCallPage`: what a call page route does after it has checked who the
 * user is. It mints the signalling ticket and the TURN credentials for this one
 * member and renders `CallPage` in the layout, never cached.
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { type PageOptions, renderPage } from "../../views/page.tsx";
import { CallPage, type CallPageProps } from "../../views/pages/call.tsx";
import type { AppEnv } from "../deps.ts";
import { iceServersFor } from "./ice.ts";
import type { MemberId } from "./protocol.ts";
import { roomSocketPath } from "./routes.ts";
import { mintTicket } from "./tickets.ts";

export interface CallOptions {
  room: string;
  /** Who is calling: "counsellor", "client" or a further participant's `p-<id>`. */
  member: MemberId;
  /** Where hanging up leads, e.g. the appointment page or the client's goodbye page. */
  endUrl: string;
  /** Where the page goes when the counsellor sends this member back to the waiting room. */
  lobbyUrl?: string;
  title?: string;
  /** The other person's name as this side knows it. */
  peerName: string;
  /** The counsellor's "end session" form action. */
  endAction?: string;
  /** Below the security code and the chat: the counsellor's start checklist. */
  side?: Child;
  iceTransportPolicy?: CallPageProps["iceTransportPolicy"];
  /** Shown above the call: the client's quick exit, the counsellor's knock notice. */
  before?: Child;
  /** Scripts besides `call.js`. */
  scripts?: PageOptions["scripts"];
}

/** Renders the call page for a member the route has already authorised. */
export async function renderCallPage(c: Context<AppEnv>, options: CallOptions) {
  const { serverSecret, config, now } = c.get("deps");
  const t = c.get("t");
  const at = now();
  const title = options.title ?? t("call.title");
  // The ticket and TURN password are per participant and short-lived: never cache the page.
  c.header("Cache-Control", "no-store");
  return renderPage(
    c,
    <>
      {options.before}
      <CallPage
        t={t}
        lang={c.get("lang")}
        member={options.member}
        room={options.room}
        ticket={await mintTicket(serverSecret, options.room, options.member, at)}
        iceServers={await iceServersFor(config, options.room, options.member, at)}
        wsPath={roomSocketPath(options.room)}
        title={title}
        endUrl={options.endUrl}
        lobbyUrl={options.lobbyUrl}
        peerName={options.peerName}
        endAction={options.endAction}
        side={options.side}
        iceTransportPolicy={options.iceTransportPolicy}
      />
    </>,
    { title, scripts: ["call.js", ...(options.scripts ?? [])] },
  );
}
