/**
 * The call with everyone else in the room: a full mesh, one peer connection per
 * other person (`remote.ts`), started, restarted and ended as the room's
 * messages say, and the picture this page sends on each of them, capped so that
 * all of them fit one uplink (`bitrate.ts`). The page's script (`call.ts`) only
 * wires this to signalling and the buttons.
 */
import { isPoliteTowards, type MemberId } from "../../rooms/wire.ts";
import { videoCapPerConnection } from "./bitrate.ts";
import { type CallMedia, mediaState } from "./controls.ts";
import type { KnockNotice } from "./knock.ts";
import { openCamera, stop } from "./media.ts";
import type { PageLife } from "./page-life.ts";
import type { Measured, Pictures } from "./quality.ts";
import { createRemote, type DataMessage, type Person, type Remote } from "./remote.ts";
import type { RoomMessage, SignallingState } from "./signalling.ts";
import { byId, type CallUi } from "./ui.ts";

export interface CallOptions {
  /** This page's own member id. */
  self: MemberId;
  room: string;
  config: RTCConfiguration;
  media: CallMedia;
  ui: CallUi;
  life: PageLife;
  knock: KnockNotice | null;
  /** The other people of the appointment, by member id (`data-people`). */
  people: Record<string, Person>;
  /** Where a client or participant goes when the call is over for them. */
  endUrl: string;
  /** Where a person sent back by the counsellor goes: their waiting room. */
  lobbyUrl: string;
  /** To the room's signalling socket. */
  send: (message: unknown) => void;
  /** Media stopped flowing: the page checks whether its signalling socket still lives. */
  onLost: () => void;
}

export interface Call {
  /** The first peer connection, if any (tests written for two people read this one). */
  pc(): RTCPeerConnection | null;
  /** Every peer connection, by the other person's member id. */
  peers(): Record<string, RTCPeerConnection>;
  /** Opens camera and microphone unless they are already live. */
  ensureMedia(): Promise<void>;
  /** Sends the picture the media now calls for (camera, screen, or none) on every connection. */
  applyVideo(): void;
  /** Sends the microphone the media now holds. */
  applyAudio(): void;
  /** Whether any connection carries a picture in either direction (sound only offers need one). */
  carriesVideo(): boolean;
  /** The connections to measure, each with what it carries and where its measurement goes. */
  measured(): Measured[];
  /** To everyone over their data channels; false while no channel is open. */
  sendData(message: DataMessage): boolean;
  onMessage(message: RoomMessage): Promise<void>;
  onSignalling(state: SignallingState): void;
  /** Stops everything: peers, camera, screen, page watchers. */
  end(): void;
}

/** The people of the appointment as the page now describes them (someone may have been added). */
async function freshPeople(): Promise<Record<string, Person> | null> {
  try {
    const res = await fetch(location.href, { credentials: "same-origin", cache: "no-store" });
    if (!res.ok || res.redirected) return null;
    const html = new DOMParser().parseFromString(await res.text(), "text/html");
    return JSON.parse(html.getElementById("call")?.getAttribute("data-people") ?? "{}");
  } catch {
    return null;
  }
}

export function createCall(options: CallOptions): Call {
  // No destructuring: esbuild cannot lower it for every browser target.
  const self = options.self;
  const media = options.media;
  const ui = options.ui;
  const texts = ui.texts;
  const remotes = new Map<MemberId, Remote>();
  /** Who is in the room on signalling now, as far as this page heard. */
  const present = new Set<MemberId>();
  let people = options.people;
  let everMet = false;
  let ended = false;

  const ensureMedia = async () => {
    if (media.local?.getTracks().some((track) => track.readyState === "live")) return;
    media.local = await openCamera();
    ui.selfVideo.srcObject = media.local;
    byId("call-no-media").hidden = media.local !== null;
  };

  const list = () => Array.from(remotes.values());

  /** The page's state in words, summed up over every connection. */
  const showState = () => {
    if (ended || ui.state() === "ended") return;
    const all = list();
    if (all.some((remote) => remote.peer.pc.connectionState === "connected")) {
      return ui.setState("connected");
    }
    const here = all.filter((remote) => present.has(remote.id));
    const trouble = (remote: Remote) =>
      remote.peer.pc.connectionState === "disconnected" ||
      remote.peer.pc.connectionState === "failed";
    if (here.some(trouble)) return ui.setState("reconnecting");
    if (here.length > 0) return ui.setState("connecting");
    ui.setState(everMet ? "peerLeft" : "waiting");
  };

  /** Video sent to each person: none while either side wants sound only; capped to share the uplink. */
  const applyVideo = () => {
    const track = media.screen?.getVideoTracks()[0] ?? media.local?.getVideoTracks()[0] ?? null;
    const cap = videoCapPerConnection(remotes.size);
    for (const remote of list()) {
      const silent = media.audioOnly || remote.audioOnly;
      void remote.peer.setVideo(silent ? null : track);
      void remote.peer.setMaxBitrate(cap);
      remote.tile.classList.toggle("audio-only", silent);
    }
    // The whole stage shrinks to sound only when no picture travels at all.
    const all = list();
    const quiet = media.audioOnly || (all.length > 0 && all.every((remote) => remote.audioOnly));
    ui.root.classList.toggle("audio-only", quiet);
  };

  /** The first tile keeps the ids a page for two had, for the scripts and tests made for it. */
  const relabel = () => {
    const first = list()[0];
    for (const remote of list()) {
      const keep = remote === first;
      const off = remote.tile.querySelector(".peer-off") as HTMLElement;
      if (keep) {
        remote.video.id = "remote-video";
        off.id = "peer-off";
      } else {
        remote.video.removeAttribute("id");
        off.removeAttribute("id");
      }
    }
    const tiles = byId("remote-tiles");
    tiles.dataset.count = String(remotes.size);
  };

  /** Who has their microphone or camera off, in words (aria-live), one sentence per person. */
  const showMedia = () => {
    const sentences: string[] = [];
    let audio = true;
    let video = true;
    for (const remote of list()) {
      audio = audio && remote.audio;
      video = video && remote.sendsVideo;
      const text =
        !remote.audio && !remote.sendsVideo
          ? texts.peerBoth
          : !remote.audio
            ? texts.peerMuted
            : !remote.sendsVideo
              ? texts.peerCameraOff
              : "";
      // A function, so a typed "$&" is shown as typed.
      if (text) sentences.push(text.replace("{name}", () => remote.person.name));
    }
    ui.showPeerMedia(sentences.join(" "), audio, video);
  };

  const personOf = (id: string): Person =>
    people[id] ?? { name: texts.someone ?? texts.peer ?? "", role: "" };

  const drop = (id: MemberId) => {
    const remote = remotes.get(id);
    if (!remote) return;
    remote.close();
    remotes.delete(id);
    relabel();
    applyVideo();
    showMedia();
    ui.setChatEnabled(list().some((other) => other.peer.channelOpen()));
    if (remotes.size === 0) ui.showPath(null);
  };

  const onData = (from: Remote, message: DataMessage) => {
    if (message.kind === "chat") ui.addChat(from.person.name, String(message.text ?? ""));
    if (message.kind === "media") {
      from.setMedia(message.audio !== false, message.video !== false, message.screen === true);
      showMedia();
    }
    if (message.kind === "adapted") from.adapted = message.on === true;
    if (message.kind === "audio-only") {
      from.audioOnly = message.on === true;
      applyVideo();
    }
  };

  const meet = async (id: MemberId, session: string | null) => {
    await ensureMedia();
    if (ended) return;
    drop(id);
    if (!people[id]) {
      people = (await freshPeople()) ?? people;
      for (const remote of list()) remote.rename(personOf(remote.id));
    }
    everMet = true;
    const remote = createRemote({
      id,
      session,
      polite: isPoliteTowards(self, id),
      room: options.room,
      config: options.config,
      stream: media.local,
      person: personOf(id),
      texts,
      send: (message) => options.send({ ...message, to: id }),
      onData,
      onChannel: (from, open) => {
        ui.setChatEnabled(open || list().some((other) => other.peer.channelOpen()));
        if (!open) return;
        from.told = null;
        from.peer.sendData(mediaState(media));
        if (media.audioOnly) from.peer.sendData({ kind: "audio-only", on: true });
      },
      onState: (from) => {
        // Negotiated: now the sender has its encodings, so the cap can be set.
        if (from.peer.pc.connectionState === "connected") applyVideo();
        showState();
      },
      onLost: options.onLost,
    });
    const sink = media.speaker;
    if (sink) {
      const output = remote.video as HTMLVideoElement & {
        setSinkId?: (id: string) => Promise<void>;
      };
      void output.setSinkId?.(sink).catch(() => undefined);
    }
    remotes.set(id, remote);
    relabel();
    applyVideo();
    showMedia();
    showState();
  };

  /** Someone is (still or again) in the room with this session. */
  const arrived = async (id: MemberId, session: string) => {
    present.add(id);
    const known = remotes.get(id);
    if (known && known.session === null) known.session = session;
    if (!known || known.session !== session) return meet(id, session);
    // The same page came back on signalling, most likely after its network changed.
    if (known.peer.pc.connectionState !== "connected") known.recovery.peerReturned();
  };

  const end = () => {
    ended = true;
    for (const id of Array.from(remotes.keys())) drop(id);
    stop(media.screen);
    stop(media.local);
    media.screen = null;
    media.local = null;
    ui.selfVideo.srcObject = null;
    options.life.stop();
    ui.showPath(null);
    ui.setState("ended");
  };

  const leave = (url: string) => {
    end();
    location.assign(url);
  };

  const onMessage = async (message: RoomMessage) => {
    if (ended) return;
    switch (message.type) {
      case "join":
        // (Re)admitted: the room's list is who is on signalling now.
        present.clear();
        for (const peer of message.peers) await arrived(peer.id, peer.session);
        return showState();
      case "peer-joined":
        await arrived(message.from, message.session);
        return showState();
      case "peer-left":
        // Perhaps only their signalling dropped: the media connection stays until it fails.
        present.delete(message.from);
        return showState();
      case "description":
      case "candidate": {
        let remote = remotes.get(message.from);
        // Their offer came first: the room said nothing of them yet (it always does first).
        if (!remote && message.type === "description" && message.description.type === "offer") {
          present.add(message.from);
          await meet(message.from, null);
          remote = remotes.get(message.from);
        }
        await remote?.peer.handle(message);
        return;
      }
      case "ended":
        // The server ended the session: over for everyone, with no "peer left" in between.
        end();
        if (self !== "counsellor") location.assign(options.endUrl);
        return;
      case "sent-back":
        return leave(options.lobbyUrl);
      case "knock":
        options.knock?.show(message.knock);
        return;
      case "bye": {
        const from = message.from;
        present.delete(from);
        if (from === "counsellor" && self !== "counsellor") {
          // The counsellor hung up: the others are led on to where they can sign off,
          // or go back in while the session runs.
          return leave(options.endUrl);
        }
        // Someone else left the call: the others keep talking and wait for a rejoin.
        drop(from);
        return showState();
      }
    }
  };

  const onSignalling = (state: SignallingState) => {
    if (state === "open" || ended) return;
    if (state === "gone") return end();
    if (state === "sentBack") return leave(options.lobbyUrl);
    const live = list().some((remote) => remote.peer.pc.connectionState === "connected");
    if (state === "reconnecting" && live) return;
    ui.setState(state);
  };

  /** What this page sends now, as its quality trend names it ("none" without a picture). */
  const sending = () => {
    if (media.audioOnly) return "none";
    const screen = media.screen?.getVideoTracks()[0];
    const camera = media.local?.getVideoTracks()[0];
    return screen ? `screen ${screen.id}` : camera?.enabled ? `camera ${camera.id}` : "none";
  };

  const pictures = (remote: Remote): Pictures => remote.pictures(sending());

  const measured = (): Measured[] =>
    list().map((remote) => ({
      pc: remote.peer.pc,
      pictures: () => pictures(remote),
      report: (measurement) => {
        remote.showMeasurement(measurement.assessment.quality, measurement.path);
        // Keeps the cap in place after any renegotiation.
        void remote.peer.setMaxBitrate(videoCapPerConnection(remotes.size));
        // The other page sees only that this picture shrank; this page knows why. Said once
        // per connection and then on each change; a closed channel is tried again next time.
        const adapted = measurement.assessment.adapted.sending;
        if (remote.told !== adapted) {
          remote.told = remote.peer.sendData({ kind: "adapted", on: adapted }) ? adapted : null;
        }
      },
    }));

  return {
    pc: () => list()[0]?.peer.pc ?? null,
    peers: () => {
      const all: Record<string, RTCPeerConnection> = {};
      for (const remote of list()) all[remote.id] = remote.peer.pc;
      return all;
    },
    ensureMedia,
    applyVideo,
    applyAudio: () => {
      const track = media.local?.getAudioTracks()[0] ?? null;
      for (const remote of list()) void remote.peer.setAudio(track);
    },
    carriesVideo: () =>
      list().some((remote) => {
        const now = pictures(remote);
        return now.sending !== "none" || now.receiving !== "none";
      }),
    measured,
    sendData: (message) => {
      let sent = false;
      for (const remote of list()) sent = remote.peer.sendData(message) || sent;
      return sent;
    },
    onMessage,
    onSignalling,
    end,
  };
}
