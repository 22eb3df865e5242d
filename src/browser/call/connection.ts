/**
 * The call with the other person: one peer connection at a time, started,
 * restarted and ended as the room's messages say, and the picture it sends.
 * The page's script (`call.ts`) only wires this to signalling and the buttons.
 */
import type { ServerMessage } from "../../rooms/protocol.ts";
import { isPoliteTowards, type MemberId } from "../../rooms/wire.ts";
import { type CallMedia, mediaState } from "./controls.ts";
import type { KnockNotice } from "./knock.ts";
import { openCamera, stop } from "./media.ts";
import type { PageLife } from "./page-life.ts";
import { watchPath } from "./path.ts";
import { createPeer, type Peer } from "./peer.ts";
import type { Pictures } from "./quality.ts";
import { type Recovery, watchRecovery } from "./recovery.ts";
import { securityCode } from "./security-code.ts";
import type { SignallingState } from "./signalling.ts";
import { byId, type CallUi } from "./ui.ts";

export interface CallOptions {
  role: "counsellor" | "client";
  /** This page's member id in the room. */
  member: MemberId;
  room: string;
  config: RTCConfiguration;
  media: CallMedia;
  ui: CallUi;
  life: PageLife;
  knock: KnockNotice | null;
  /** Where the client goes when the call is over for them. */
  endUrl: string;
  /** Where a member sent back by the counsellor goes (else `endUrl`). */
  lobbyUrl: string | null;
  /** To the room's signalling socket. */
  send: (message: unknown) => void;
  /** Media stopped flowing: the page checks whether its signalling socket still lives. */
  onLost: () => void;
}

export interface Call {
  /** The current peer connection, if any (for the quality display and tests). */
  pc(): RTCPeerConnection | null;
  /** Opens camera and microphone unless they are already live. */
  ensureMedia(): Promise<void>;
  /** Sends the picture the media now calls for (camera, screen, or none). */
  applyVideo(): void;
  /** Sends the microphone the media now holds. */
  applyAudio(): void;
  /** What picture each direction carries now ("none" without one), for the quality display. */
  pictures(): Pictures;
  sendData(message: { kind: string; [key: string]: unknown }): boolean;
  onMessage(message: ServerMessage): Promise<void>;
  onSignalling(state: SignallingState): void;
  /** Stops everything: peer, camera, screen, page watchers. */
  end(): void;
}

export function createCall(options: CallOptions): Call {
  // No destructuring: esbuild cannot lower it for every browser target.
  const role = options.role;
  const media = options.media;
  const ui = options.ui;
  let peer: Peer | null = null;
  let peerSession: string | null = null;
  // Which member the connection is with: messages name it (`to`) and come stamped with it (`from`).
  let peerId: MemberId | null = null;
  let peerAudioOnly = false;
  // As the other side last told: whether it sends a picture, and whether that is a screen.
  let peerVideo = true;
  let peerScreen = false;
  // The other page's own word on whether its sent picture is adapted to the line.
  let peerAdapted: boolean | undefined;
  let stopPath = () => {};
  let recovery: Recovery | null = null;

  const ensureMedia = async () => {
    if (media.local?.getTracks().some((track) => track.readyState === "live")) return;
    media.local = await openCamera();
    ui.selfVideo.srcObject = media.local;
    byId("call-no-media").hidden = media.local !== null;
  };

  const applyVideo = () => {
    const track = media.screen?.getVideoTracks()[0] ?? media.local?.getVideoTracks()[0] ?? null;
    const audioOnly = media.audioOnly || peerAudioOnly;
    void peer?.setVideo(audioOnly ? null : track);
    ui.root.classList.toggle("audio-only", audioOnly);
  };

  const dropPeer = () => {
    stopPath();
    recovery?.stop();
    recovery = null;
    ui.showPath(null);
    peer?.close();
    peer = null;
    peerSession = null;
    ui.remoteVideo.srcObject = null;
    ui.showPeerMedia(true, true);
    peerVideo = true;
    peerScreen = false;
    peerAdapted = undefined;
  };

  const startPeer = async (session: string, id: MemberId) => {
    await ensureMedia();
    peer?.close();
    peerAdapted = undefined;
    peerSession = session;
    peerId = id;
    const polite = isPoliteTowards(options.member, id);
    ui.setState("connecting");
    peer = createPeer({
      polite,
      config: options.config,
      stream: media.local,
      send: (message) => options.send({ ...(message as object), to: id }),
      onRemoteStream: (stream) => {
        if (ui.remoteVideo.srcObject !== stream) ui.remoteVideo.srcObject = stream;
      },
      onState: (state) => {
        if (state === "connected") ui.setState("connected");
        else if (state === "disconnected" || state === "failed") ui.setState("reconnecting");
      },
      onDescriptions: async (localSdp, remoteSdp) => {
        const code = await securityCode(options.room, localSdp, remoteSdp);
        if (code) ui.showCode(code);
      },
      onData: (message) => {
        if (message.kind === "chat") ui.addChat("peer", String(message.text ?? ""));
        if (message.kind === "media") {
          peerVideo = message.video !== false;
          peerScreen = message.screen === true;
          ui.showPeerMedia(message.audio !== false, peerVideo);
        }
        if (message.kind === "adapted") peerAdapted = message.on === true;
        if (message.kind === "audio-only") {
          peerAudioOnly = message.on === true;
          applyVideo();
        }
      },
      onChannel: (open) => {
        ui.setChatEnabled(open);
        if (open) peer?.sendData(mediaState(media));
        if (open && media.audioOnly) peer?.sendData({ kind: "audio-only", on: true });
      },
    });
    stopPath();
    ui.showPath(null);
    stopPath = watchPath(peer.pc, ui.showPath);
    recovery?.stop();
    recovery = watchRecovery(peer.pc, { polite, onLost: options.onLost });
    applyVideo();
  };

  const end = () => {
    dropPeer();
    stop(media.screen);
    stop(media.local);
    media.screen = null;
    media.local = null;
    ui.selfVideo.srcObject = null;
    options.life.stop();
    ui.setState("ended");
  };

  // Signalling news never overrides a live media connection or an ended call.
  const showIdle = (name: "waiting" | "peerLeft") => {
    if (peer?.pc.connectionState === "connected" || ui.state() === "ended") return;
    ui.setState(name);
  };

  // One connection at a time: news of anyone but its member is not for it.
  const other = (id: MemberId) => peer !== null && peerId !== null && id !== peerId;

  const onMessage = async (message: ServerMessage) => {
    switch (message.type) {
      case "join": {
        const first = message.peers[0];
        if (!first) return showIdle("waiting");
        if (first.id !== peerId || first.session !== peerSession || !peer) {
          await startPeer(first.session, first.id);
        } else if (peer.pc.connectionState !== "connected") recovery?.peerReturned();
        return;
      }
      case "peer-joined":
        if (other(message.from)) return;
        if (message.from !== peerId || message.session !== peerSession || !peer) {
          await startPeer(message.session, message.from);
        } else recovery?.peerReturned();
        return;
      case "peer-left":
        if (message.from !== peerId) return;
        return showIdle(peer ? "peerLeft" : "waiting");
      case "description":
      case "candidate":
        if (message.from !== peerId) return;
        await peer?.handle(message);
        return;
      case "sent-back":
        // The counsellor sent this page back to the waiting room: over here, no reconnect.
        end();
        location.assign(options.lobbyUrl ?? options.endUrl);
        return;
      case "ended":
        // The server ended the session: over for both, with no "peer left" in between.
        end();
        if (role === "client") location.assign(options.endUrl);
        return;
      case "knock":
        options.knock?.show(message.knock);
        return;
      case "bye":
        if (message.from !== peerId) return;
        if (role === "counsellor") {
          // The client left: the counsellor keeps camera and signalling and waits for a rejoin.
          dropPeer();
          return ui.setState("peerLeft");
        }
        // The client is led on to where they can sign off, or go back in while the session runs.
        end();
        location.assign(options.endUrl);
        return;
    }
  };

  const onSignalling = (state: SignallingState) => {
    if (state === "open") return;
    if (state === "gone") return end();
    if (state === "reconnecting" && peer?.pc.connectionState === "connected") return;
    ui.setState(state);
  };

  const pictures = (): Pictures => {
    if (media.audioOnly || peerAudioOnly) return { sending: "none", receiving: "none" };
    const screen = media.screen?.getVideoTracks()[0];
    const camera = media.local?.getVideoTracks()[0];
    return {
      sending: screen ? `screen ${screen.id}` : camera?.enabled ? `camera ${camera.id}` : "none",
      receiving: !peerVideo ? "none" : peerScreen ? "screen" : "camera",
      peerAdapted,
    };
  };

  return {
    pc: () => peer?.pc ?? null,
    ensureMedia,
    applyVideo,
    pictures,
    applyAudio: () => void peer?.setAudio(media.local?.getAudioTracks()[0] ?? null),
    sendData: (message) => peer?.sendData(message) ?? false,
    onMessage,
    onSignalling,
    end,
  };
}
