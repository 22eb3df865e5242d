/**
 * One other person in the call: the peer connection with them alone (perfect
 * negotiation, `peer.ts`; its own ICE recovery, `recovery.ts`), their tile in
 * `#remote-tiles` (picture, name, role, microphone and camera state, this pair's
 * security code) and what they last said over the data channel. The call page
 * holds one per other person; a call of four is a full mesh of three of these.
 */
import type { MemberId } from "../../rooms/wire.ts";
import { createPeer, type Peer } from "./peer.ts";
import type { MediaPath, Pictures, Quality } from "./quality.ts";
import { type Recovery, watchRecovery } from "./recovery.ts";
import { securityCode } from "./security-code.ts";

/** Someone the page may meet, as its viewer should see them (`data-people`). */
export interface Person {
  name: string;
  /** The role in words ("Dolmetscher/in", "Beratung"); empty when unknown. */
  role: string;
}

export type DataMessage = { kind: string; [key: string]: unknown };

export interface RemoteOptions {
  id: MemberId;
  /** Their page's session, from the room; null when the first word was their offer. */
  session: string | null;
  polite: boolean;
  room: string;
  config: RTCConfiguration;
  stream: MediaStream | null;
  person: Person;
  texts: Record<string, string>;
  /** Sends a signalling message; the caller addresses it to this person. */
  send(message: Record<string, unknown>): void;
  onData(remote: Remote, data: DataMessage): void;
  onChannel(remote: Remote, open: boolean): void;
  /** The connection's state changed (the page sums up all of them). */
  onState(remote: Remote): void;
  /** Media stopped flowing on this connection: the page checks its signalling socket. */
  onLost(): void;
}

export interface Remote {
  id: MemberId;
  session: string | null;
  peer: Peer;
  person: Person;
  tile: HTMLElement;
  video: HTMLVideoElement;
  /** Whether they send sound and a picture, as they last said (both until they say). */
  audio: boolean;
  sendsVideo: boolean;
  /** Whether what they send is a shared screen. */
  screen: boolean;
  /** They asked for sound only. */
  audioOnly: boolean;
  /** Their own word on whether the picture they send is adapted to the line. */
  adapted: boolean | undefined;
  /** What this page last told them about the picture it sends them (null: not yet). */
  told: boolean | null;
  recovery: Recovery;
  /** Shows what they said about their microphone and camera. */
  setMedia(audio: boolean, video: boolean, screen: boolean): void;
  /** The latest measurement of this connection, on the tile (`data-quality`, `data-path`). */
  showMeasurement(quality: Quality, path: MediaPath | null): void;
  /** What each direction of this connection carries now, given this page's own picture. */
  pictures(sending: string): Pictures;
  rename(person: Person): void;
  close(): void;
}

function appendAll(parent: HTMLElement, children: HTMLElement[]) {
  for (const child of children) parent.appendChild(child);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string) {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}

/** "Anna Beispiel" → "AB": shown on a calm background while their camera is off. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string | undefined) => (word ? (Array.from(word)[0] ?? "") : "");
  return (letter(first) + letter(last)).toUpperCase() || "?";
}

const fill = (template: string | undefined, name: string) =>
  // A function, so a typed "$&" is shown as typed.
  (template ?? "{name}").replace("{name}", () => name);

export function createRemote(options: RemoteOptions): Remote {
  const texts = options.texts;
  const tiles = document.getElementById("remote-tiles") as HTMLElement;
  const tile = element("figure", "tile");
  tile.dataset.peer = options.id;
  const video = element("video", "remote");
  video.autoplay = true;
  video.setAttribute("playsinline", "");
  const off = element("div", "peer-off");
  off.hidden = true;
  const offInitials = element("span", "initials");
  offInitials.setAttribute("aria-hidden", "true");
  const offName = element("span", "peer-name");
  appendAll(off, [offInitials, offName]);
  const caption = element("figcaption", "tile-caption");
  const who = element("span", "tile-who");
  const media = element("span", "tile-media");
  media.dataset.peerMedia = "";
  media.dataset.audio = "true";
  media.dataset.video = "true";
  media.hidden = true;
  const codeLine = element("span", "tile-code");
  const codeLabel = element("span", "tile-code-label");
  codeLabel.textContent = `${texts.codeLabel ?? ""}: `;
  const code = element("output", "security-code");
  code.dataset.securityCode = "";
  code.textContent = texts.securityPending ?? "";
  appendAll(codeLine, [codeLabel, code]);
  appendAll(caption, [who, media, codeLine]);
  appendAll(tile, [video, off, caption]);
  tiles.appendChild(tile);

  // The same code, large, in the side column's list, to read aloud with this person.
  const codes = document.getElementById("security-code");
  const listed = element("p", "security-entry");
  listed.dataset.codeFor = options.id;
  const listedWho = element("span", "security-who");
  const listedCode = element("span", "security-code");
  appendAll(listed, [listedWho, listedCode]);

  let closed = false;
  const label = (person: Person) => (person.role ? `${person.name} (${person.role})` : person.name);

  const peer = createPeer({
    polite: options.polite,
    config: options.config,
    stream: options.stream,
    send: (message) => options.send(message as Record<string, unknown>),
    onRemoteStream: (stream) => {
      if (video.srcObject !== stream) video.srcObject = stream;
    },
    onState: () => {
      tile.dataset.state = peer.pc.connectionState;
      options.onState(remote);
    },
    onDescriptions: async (localSdp, remoteSdp) => {
      const value = await securityCode(options.room, localSdp, remoteSdp);
      if (!value || closed) return;
      code.textContent = value;
      code.dataset.securityCode = value;
      listedCode.textContent = value;
      if (codes && !listed.parentNode) codes.appendChild(listed);
      codes?.classList.add("has-codes");
    },
    onData: (data) => options.onData(remote, data),
    onChannel: (open) => options.onChannel(remote, open),
  });

  const remote: Remote = {
    id: options.id,
    session: options.session,
    peer,
    person: options.person,
    tile,
    video,
    audio: true,
    sendsVideo: true,
    screen: false,
    audioOnly: false,
    adapted: undefined,
    told: null,
    recovery: watchRecovery(peer.pc, { polite: options.polite, onLost: options.onLost }),
    setMedia(audio, sendsVideo, screen) {
      remote.audio = audio;
      remote.sendsVideo = sendsVideo;
      remote.screen = screen;
      const said = [audio ? "" : texts.micOff, sendsVideo ? "" : texts.camOff].filter(Boolean);
      media.textContent = said.join(", ");
      media.hidden = said.length === 0;
      media.dataset.audio = String(audio);
      media.dataset.video = String(sendsVideo);
      off.hidden = sendsVideo;
      tile.classList.toggle("camera-off", !sendsVideo);
    },
    showMeasurement(quality, path) {
      tile.dataset.quality = quality;
      tile.dataset.path = path ?? "";
    },
    pictures(sending) {
      if (remote.audioOnly) return { sending: "none", receiving: "none" };
      return {
        sending,
        receiving: !remote.sendsVideo ? "none" : remote.screen ? "screen" : "camera",
        peerAdapted: remote.adapted,
      };
    },
    rename(person) {
      remote.person = person;
      who.textContent = label(person);
      offInitials.textContent = initials(person.name);
      offName.textContent = person.name;
      video.setAttribute("aria-label", fill(texts.pictureOf, label(person)));
      code.setAttribute("aria-label", fill(texts.codeWith, label(person)));
      listedWho.textContent = `${fill(texts.codeWith, label(person))}: `;
    },
    close() {
      closed = true;
      remote.recovery.stop();
      peer.close();
      video.srcObject = null;
      tile.remove();
      listed.remove();
      codes?.classList.toggle("has-codes", codes.querySelector(".security-entry") !== null);
    },
  };
  tile.dataset.state = peer.pc.connectionState;
  remote.rename(options.person);
  return remote;
}
