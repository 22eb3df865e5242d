/**
 * @module
 * `renderCallPage`: what a call page route does after it has checked who the
 * user is. It mints the signalling ticket and the TURN credentials for this one
 * member and renders `CallPage` in the layout, never cached.
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { type PageOptions, renderPage } from "../../views/page.tsx";
import { CallPage, type CallPageProps, type Person } from "../../views/pages/call.tsx";
import type { AppEnv } from "../deps.ts";
import { iceServersFor } from "./ice.ts";
import { roomSocketPath } from "./routes.ts";
import { mintTicket } from "./tickets.ts";
import type { MemberId } from "./wire.ts";

export interface CallOptions {
  room: string;
  /** Who is calling: "counsellor", "client" or a further participant's `p-<id>`. */
  member: MemberId;
  /** Everyone else of the appointment, by member id, as this member sees them (`callPeople`). */
  people?: Record<string, Person>;
  /** Where hanging up leads, e.g. the appointment page or the client's goodbye page. */
  endUrl: string;
  /** Where the page goes when the counsellor sends this member back (default: the waiting room). */
  lobbyUrl?: string;
  title?: string;
  /** Without `people`: the other person's name in a call of two. */
  peerName?: string;
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
  const member = options.member;
  const people: Record<string, Person> = options.people ?? {
    // A call of two: the other one, by the name this side knows.
    ...(member === "counsellor"
      ? { client: { name: options.peerName ?? "", role: t("participant.roleClient") } }
      : { counsellor: { name: options.peerName ?? "", role: t("participant.roleCounsellor") } }),
  };
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
        member={member}
        people={people}
        room={options.room}
        ticket={await mintTicket(serverSecret, options.room, member, at)}
        iceServers={await iceServersFor(config, options.room, member, at)}
        wsPath={roomSocketPath(options.room)}
        title={title}
        endUrl={options.endUrl}
        lobbyUrl={options.lobbyUrl ?? (member === "counsellor" ? options.endUrl : "/lobby")}
        endAction={options.endAction}
        side={options.side}
        iceTransportPolicy={options.iceTransportPolicy}
      />
    </>,
    { title, scripts: ["call.js", ...(options.scripts ?? [])] },
  );
}
