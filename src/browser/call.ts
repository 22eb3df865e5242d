/**
 * The call page's script. Reads its settings from `#call`'s data attributes,
 * opens camera and microphone, joins the room's signalling socket and holds one
 * peer connection with the other participant (`call/connection.ts`). Nothing
 * is recorded.
 */

import { isMemberId } from "../rooms/wire.ts";
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
    /** For tests and support: the current peer connection. */
    __sprechzimmerCall?: { readonly pc: RTCPeerConnection | null; role: string };
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
  const role = data.role === "counsellor" ? "counsellor" : "client";
  const member = isMemberId(data.member) ? data.member : role;
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
    role,
    member,
    room: data.room ?? "",
    config: {
      iceServers: JSON.parse(data.iceServers ?? "[]"),
      iceTransportPolicy: data.icePolicy === "relay" ? "relay" : "all",
    },
    media,
    ui,
    life: watchPageLife(root, byId<HTMLButtonElement>("call-play")),
    knock: knockNotice(),
    endUrl,
    lobbyUrl: data.lobbyUrl ?? null,
    send: (message) => signalling?.send(message),
    onLost: () => signalling?.probe(),
  });
  window.__sprechzimmerCall = {
    get pc() {
      return call.pc();
    },
    role,
  };

  // Messages are handled one after another: a candidate must wait for its description.
  let queue = Promise.resolve();
  await call.ensureMedia();
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
  // What this page last told the other about its sent picture, per connection.
  let told: { pc: RTCPeerConnection | null; adapted: boolean } | null = null;
  watchQuality(call.pc, call.pictures, (assessment) => {
    ui.showQuality(assessment.quality);
    ui.showAdapted(assessment.adapted);
    // The other page sees only that this picture shrank; this page knows why. Said once per
    // connection and then on each change; a closed channel is tried again with the next sample.
    const pc = call.pc();
    const adapted = assessment.adapted.sending;
    if (told?.pc !== pc || told.adapted !== adapted) {
      told = call.sendData({ kind: "adapted", on: adapted }) ? { pc, adapted } : null;
    }
    // Offered, never switched on unasked; and not while sound only is on, on either side.
    const pictures = call.pictures();
    const video = pictures.sending !== "none" || pictures.receiving !== "none";
    ui.suggestAudioOnly(video ? assessment.offer : null);
  });
}
