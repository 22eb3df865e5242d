/**
 * The call page's script. Reads its settings from `#call`'s data attributes,
 * opens camera and microphone, joins the room's signalling socket and holds one
 * peer connection with each other person, up to three: a full mesh of four
 * (`call/connection.ts`). Nothing is recorded.
 */

import type { MemberId } from "../rooms/wire.ts";
import { createCall } from "./call/connection.ts";
import { type CallMedia, wireControls } from "./call/controls.ts";
import { wireDevices } from "./call/devices.ts";
import { knockNotice } from "./call/knock.ts";
import { canCall, watchPageLife } from "./call/page-life.ts";
import { watchQuality } from "./call/quality.ts";
import { connectSignalling, type Signalling } from "./call/signalling.ts";
import { byId, callUi } from "./call/ui.ts";

declare global {
  interface Window {
    /** For tests and support: the peer connections (`pc`: the first one, `peers()`: all by member id). */
    __sprechzimmerCall?: {
      readonly pc: RTCPeerConnection | null;
      peers(): Record<string, RTCPeerConnection>;
      role: string;
      member: string;
    };
  }
}

const root = document.getElementById("call");
if (root) void start(root);

function newSession(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function start(root: HTMLElement) {
  const data = root.dataset;
  const role = data.role ?? "client";
  const self = (data.member ?? (role === "counsellor" ? "counsellor" : "client")) as MemberId;
  const endUrl = data.endUrl ?? "/";
  const ui = callUi(root, JSON.parse(data.texts ?? "{}") as Record<string, string>);

  if (!canCall()) {
    // Say so at once, keep the camera off and stay out of the room.
    byId("call-unsupported").hidden = false;
    ui.setState("unsupported");
    return;
  }

  const media: CallMedia = { local: null, screen: null, audioOnly: false };
  let signalling: Signalling | null = null;
  const call = createCall({
    self,
    room: data.room ?? "",
    config: {
      iceServers: JSON.parse(data.iceServers ?? "[]"),
      iceTransportPolicy: data.icePolicy === "relay" ? "relay" : "all",
    },
    media,
    ui,
    life: watchPageLife(root, byId<HTMLButtonElement>("call-play")),
    knock: knockNotice(),
    people: JSON.parse(data.people ?? "{}"),
    endUrl,
    lobbyUrl: data.lobbyUrl ?? endUrl,
    send: (message) => signalling?.send(message),
    onLost: () => signalling?.probe(),
  });
  window.__sprechzimmerCall = {
    get pc() {
      return call.pc();
    },
    peers: () => call.peers(),
    role,
    member: self,
  };

  // Camera and microphone open while the socket connects: the room hears of this page at
  // once, so the others prepare their offers meanwhile (or while a permission prompt is open).
  // Messages wait for the media (each connection starts with its tracks) and are handled one
  // after another: a candidate must wait for its description.
  const ready = call.ensureMedia();
  let queue = ready.catch(() => undefined);
  const socket = connectSignalling({
    wsPath: data.wsPath ?? "",
    ticket: data.ticket ?? "",
    session: newSession(),
    onMessage: (message) => {
      queue = queue.then(() => call.onMessage(message)).catch(() => undefined);
    },
    onState: call.onSignalling,
  });
  signalling = socket;
  // A device that just joined a network (left Wi-Fi, came back online) has most likely
  // lost its socket with the old one: a new one at once lets the ICE restart through.
  window.addEventListener("online", () => socket.reconnect());
  await ready;

  wireControls({
    media,
    ui,
    applyVideo: call.applyVideo,
    sendData: call.sendData,
    hangUp: () => {
      socket.send({ type: "bye" });
      socket.close();
      call.end();
      location.assign(endUrl);
    },
  });

  wireDevices({ media, ui, applyVideo: call.applyVideo, applyAudio: call.applyAudio });

  // The offer of sound only, inside the suggestion, is the control bar's own button.
  byId("call-suggest-audio-only").addEventListener("click", () => byId("call-audio-only").click());
  // One measurement of every connection every 2 s; the page shows the worst of them.
  watchQuality(call.measured, (worst, path) => {
    ui.showQuality(worst.quality);
    ui.showAdapted(worst.adapted);
    if (path) ui.showPath(path);
    // Offered, never switched on unasked; and not while sound only is on, on either side.
    ui.suggestAudioOnly(call.carriesVideo() ? worst.offer : null);
  });
}
