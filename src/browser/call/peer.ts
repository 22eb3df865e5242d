/**
 * One peer connection with perfect negotiation (the MDN pattern): either side may
 * offer at any time; on a collision the impolite side of the pair keeps its offer
 * and the polite side rolls back (`isPoliteTowards` in `src/rooms/wire.ts`: the
 * counsellor is never polite, the client only towards the counsellor). Trickle ICE and a negotiated
 * data channel for chat and controls; ICE restarts after a lost path are
 * `recovery.ts`'s job.
 */

export interface PeerOptions {
  polite: boolean;
  config: RTCConfiguration;
  stream: MediaStream | null;
  send(message: unknown): void;
  onRemoteStream(stream: MediaStream): void;
  onState(state: RTCPeerConnectionState): void;
  onDescriptions(local: string, remote: string): void;
  onData(data: { kind: string; [key: string]: unknown }): void;
  onChannel(open: boolean): void;
}

export interface Peer {
  pc: RTCPeerConnection;
  handle(message: {
    type: string;
    description?: RTCSessionDescriptionInit;
    candidate?: RTCIceCandidateInit | null;
  }): Promise<void>;
  sendData(data: { kind: string; [key: string]: unknown }): boolean;
  /** Whether the data channel (chat, media states) is open now. */
  channelOpen(): boolean;
  /** Replaces the outgoing video (null sends none) without renegotiating. */
  setVideo(track: MediaStreamTrack | null): Promise<void>;
  /** Replaces the outgoing sound (another microphone) without renegotiating. */
  setAudio(track: MediaStreamTrack | null): Promise<void>;
  /** Caps the outgoing video's bitrate (`undefined`: the browser decides); false until it holds. */
  setMaxBitrate(bps: number | undefined): Promise<boolean>;
  close(): void;
}

/** `setLocalDescription()` without arguments, for browsers that still need one. */
async function setLocal(pc: RTCPeerConnection): Promise<void> {
  try {
    await pc.setLocalDescription();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const answering = pc.signalingState === "have-remote-offer";
    await pc.setLocalDescription(answering ? await pc.createAnswer() : await pc.createOffer());
  }
}

export function createPeer(options: PeerOptions): Peer {
  const pc = new RTCPeerConnection(options.config);
  let makingOffer = false;
  let ignoreOffer = false;
  let settingRemoteAnswer = false;
  /** The video cap this page set, if any. */
  let capped: number | undefined;
  // The polite side waits for the first offer: Chrome may stop gathering ICE candidates
  // after an implicit rollback, so the opening glare is avoided rather than resolved.
  let mayOffer = !options.polite;
  const remote = new MediaStream();

  const stream = options.stream;
  if (stream) for (const track of stream.getTracks()) pc.addTrack(track, stream);
  // Both sides always negotiate a video slot, so video can come back after audio-only.
  if (!stream?.getVideoTracks().length) pc.addTransceiver("video", { direction: "sendrecv" });
  if (!stream?.getAudioTracks().length) pc.addTransceiver("audio", { direction: "sendrecv" });
  const senderOf = (kind: "video" | "audio") =>
    pc.getTransceivers().find((t) => t.receiver.track.kind === kind)?.sender;

  // Negotiated with a fixed id on both sides: no offer/answer race over who creates it.
  const channel = pc.createDataChannel("chat", { negotiated: true, id: 0 });
  channel.onopen = () => options.onChannel(true);
  channel.onclose = () => options.onChannel(false);
  channel.onmessage = (event) => {
    try {
      const data = JSON.parse(String(event.data));
      if (data && typeof data.kind === "string") options.onData(data);
    } catch {
      // Not ours; ignored.
    }
  };

  pc.ontrack = (event) => {
    remote.addTrack(event.track);
    options.onRemoteStream(remote);
  };
  pc.onicecandidate = (event) => {
    if (event.candidate) options.send({ type: "candidate", candidate: event.candidate.toJSON() });
  };
  pc.onnegotiationneeded = async () => {
    if (!mayOffer) return;
    try {
      makingOffer = true;
      await setLocal(pc);
      options.send({ type: "description", description: pc.localDescription?.toJSON() });
    } catch {
      // A collision midway; the other side's offer or the next negotiation settles it.
    } finally {
      makingOffer = false;
    }
  };
  pc.onconnectionstatechange = () => options.onState(pc.connectionState);
  pc.onsignalingstatechange = () => {
    if (pc.signalingState === "stable" && pc.localDescription && pc.remoteDescription) {
      options.onDescriptions(pc.localDescription.sdp, pc.remoteDescription.sdp);
    }
  };

  return {
    pc,
    async handle(message) {
      if (message.type === "description" && message.description) {
        const description = message.description;
        const readyForOffer =
          !makingOffer && (pc.signalingState === "stable" || settingRemoteAnswer);
        const collision = description.type === "offer" && !readyForOffer;
        ignoreOffer = !options.polite && collision;
        if (ignoreOffer) return;
        settingRemoteAnswer = description.type === "answer";
        await pc.setRemoteDescription(description);
        settingRemoteAnswer = false;
        mayOffer = true;
        if (description.type === "offer") {
          await setLocal(pc);
          options.send({ type: "description", description: pc.localDescription?.toJSON() });
        }
      } else if (message.type === "candidate" && message.candidate) {
        try {
          await pc.addIceCandidate(message.candidate);
        } catch (error) {
          if (!ignoreOffer) throw error;
        }
      }
    },
    sendData(data) {
      if (channel.readyState !== "open") return false;
      channel.send(JSON.stringify(data));
      return true;
    },
    channelOpen: () => channel.readyState === "open",
    async setVideo(track) {
      await senderOf("video")?.replaceTrack(track);
    },
    async setAudio(track) {
      await senderOf("audio")?.replaceTrack(track);
    },
    async setMaxBitrate(bps) {
      const sender = senderOf("video");
      if (!sender || pc.signalingState === "closed") return false;
      const parameters = sender.getParameters();
      // Before negotiation there may be no encodings yet; the next call sets it.
      const encodings = parameters.encodings ?? [];
      if (encodings.length === 0) return false;
      // Without a cap of its own, a cap set elsewhere (a test's thin line) is left alone.
      if (bps === undefined && capped === undefined) return true;
      if (encodings.every((encoding) => encoding.maxBitrate === bps)) {
        capped = bps;
        return true;
      }
      for (const encoding of encodings) {
        if (bps === undefined) delete encoding.maxBitrate;
        else encoding.maxBitrate = bps;
      }
      try {
        await sender.setParameters(parameters);
        capped = bps;
        return true;
      } catch {
        // A negotiation raced the change; the next one applies it again.
        return false;
      }
    },
    close() {
      channel.close();
      pc.close();
    },
  };
}
