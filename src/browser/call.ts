/**
 * The call page's script. Reads its settings from `#call`'s data attributes,
 * opens camera and microphone, joins the room's signalling socket and holds one
 * peer connection with the other participant. Nothing is recorded.
 */

import type { ServerMessage } from "../rooms/protocol.ts";
import { type CallMedia, wireControls } from "./call/controls.ts";
import { knockNotice } from "./call/knock.ts";
import { openCamera, stop } from "./call/media.ts";
import { canCall, watchPageLife } from "./call/page-life.ts";
import { createPeer, type Peer } from "./call/peer.ts";
import { watchQuality } from "./call/quality.ts";
import { securityCode } from "./call/security-code.ts";
import { connectSignalling, type SignallingState } from "./call/signalling.ts";
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
  const room = data.room ?? "";
  const texts = JSON.parse(data.texts ?? "{}") as Record<string, string>;
  const config: RTCConfiguration = {
    iceServers: JSON.parse(data.iceServers ?? "[]"),
    iceTransportPolicy: data.icePolicy === "relay" ? "relay" : "all",
  };
  const ui = callUi(root, texts);
  // No destructuring: esbuild cannot lower it for every browser target.
  const remoteVideo = ui.remoteVideo;
  const selfVideo = ui.selfVideo;
  const setState = ui.setState;
  const addChat = ui.addChat;

  if (!canCall()) {
    // Say so at once, keep the camera off and stay out of the room.
    byId("call-unsupported").hidden = false;
    setState("unsupported");
    return;
  }
  const life = watchPageLife(root, byId<HTMLButtonElement>("call-play"));

  const media: CallMedia = { local: null, screen: null, audioOnly: false };
  let peer: Peer | null = null;
  let peerSession: string | null = null;
  const knock = knockNotice();
  let peerAudioOnly = false;

  window.__sprechzimmerCall = {
    get pc() {
      return peer?.pc ?? null;
    },
    role,
  };

  const ensureMedia = async () => {
    if (media.local?.getTracks().some((track) => track.readyState === "live")) return;
    media.local = await openCamera();
    selfVideo.srcObject = media.local;
    byId("call-no-media").hidden = media.local !== null;
  };

  const applyVideo = () => {
    const track = media.screen?.getVideoTracks()[0] ?? media.local?.getVideoTracks()[0] ?? null;
    void peer?.setVideo(media.audioOnly || peerAudioOnly ? null : track);
    root.classList.toggle("audio-only", media.audioOnly || peerAudioOnly);
  };

  const startPeer = (session: string) => {
    peer?.close();
    peerSession = session;
    setState("connecting");
    peer = createPeer({
      polite: role === "client",
      config,
      stream: media.local,
      send: (message) => signalling.send(message),
      onRemoteStream: (stream) => {
        if (remoteVideo.srcObject !== stream) remoteVideo.srcObject = stream;
      },
      onState: (state) => {
        if (state === "connected") setState("connected");
        else if (state === "disconnected" || state === "failed") setState("reconnecting");
      },
      onDescriptions: async (localSdp, remoteSdp) => {
        const code = await securityCode(room, localSdp, remoteSdp);
        if (code) ui.showCode(code);
      },
      onData: (message) => {
        if (message.kind === "chat") addChat("peer", String(message.text ?? ""));
        if (message.kind === "audio-only") {
          peerAudioOnly = message.on === true;
          applyVideo();
        }
      },
      onChannel: (open) => {
        ui.setChatEnabled(open);
        if (open && media.audioOnly) peer?.sendData({ kind: "audio-only", on: true });
      },
    });
    applyVideo();
  };

  const endCall = () => {
    peer?.close();
    peer = null;
    peerSession = null;
    remoteVideo.srcObject = null;
    stop(media.screen);
    stop(media.local);
    media.screen = null;
    media.local = null;
    selfVideo.srcObject = null;
    life.stop();
    setState("ended");
  };

  // Signalling news never overrides a live media connection or an ended call.
  const showIdle = (name: "waiting" | "peerLeft") => {
    if (peer?.pc.connectionState === "connected" || ui.state() === "ended") return;
    setState(name);
  };

  const onMessage = async (message: ServerMessage) => {
    switch (message.type) {
      case "join":
        if (!message.peer) return showIdle("waiting");
        if (message.peer.session !== peerSession || !peer) {
          await ensureMedia();
          startPeer(message.peer.session);
        } else if (peer.pc.connectionState !== "connected") peer.restartIce();
        return;
      case "peer-joined":
        if (message.session !== peerSession || !peer) {
          await ensureMedia();
          startPeer(message.session);
        }
        return;
      case "peer-left":
        return showIdle(peer ? "peerLeft" : "waiting");
      case "description":
      case "candidate":
        await peer?.handle(message);
        return;
      case "ended":
        // The server ended the session: over for both, with no "peer left" in between.
        endCall();
        if (role === "client") location.assign(data.endUrl ?? "/");
        return;
      case "knock":
        knock?.show(message.knock);
        return;
      case "bye":
        if (role === "counsellor") {
          // The client left: the counsellor keeps camera and signalling and waits for a rejoin.
          peer?.close();
          peer = null;
          peerSession = null;
          remoteVideo.srcObject = null;
          return setState("peerLeft");
        }
        // The client is led on to where they can sign off, or go back in while the session runs.
        endCall();
        location.assign(data.endUrl ?? "/");
        return;
    }
  };

  const onSignalling = (state: SignallingState) => {
    if (state === "open") return;
    if (state === "gone") return endCall();
    if (state === "reconnecting" && peer?.pc.connectionState === "connected") return;
    setState(state);
  };

  // Messages are handled one after another: a candidate must wait for its description.
  let queue = Promise.resolve();
  await ensureMedia();
  const signalling = connectSignalling({
    wsPath: data.wsPath ?? "",
    ticket: data.ticket ?? "",
    session: newSession(),
    onMessage: (message) => {
      queue = queue.then(() => onMessage(message)).catch(() => undefined);
    },
    onState: onSignalling,
  });

  wireControls({
    media,
    ui,
    applyVideo,
    sendData: (message) => peer?.sendData(message) ?? false,
    hangUp: () => {
      signalling.send({ type: "bye" });
      signalling.close();
      endCall();
      location.assign(data.endUrl ?? "/");
    },
  });

  watchQuality(
    () => peer?.pc ?? null,
    (quality, poorInARow) => {
      ui.showQuality(quality);
      if (poorInARow >= 3 && !media.audioOnly) ui.suggestAudioOnly(true);
    },
  );
}
