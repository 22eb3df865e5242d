/**
 * Device and connection self-test: camera preview, microphone level, a test
 * tone, WebRTC support and an ICE gathering probe. Reports the overall result
 * to the server when the page carries a token for an appointment.
 */
import { fillSelect, hasChoice, preferred, rememberDevice } from "./lib/device-choice.ts";
import { registerStream, stopAllStreams } from "./lib/streams.ts";

type Outcome = "ok" | "warn" | "bad";
type MediaResult = "ok" | "denied" | "missing" | "busy";
type Connection = "direct" | "relay" | "blocked";

const GATHER_TIMEOUT_MS = 8000;

const root = document.getElementById("check-app");
let texts: Record<string, string> = {};
let audio: AudioContext | undefined;

function audioContext(): AudioContext | undefined {
  const Ctor =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!audio && Ctor) audio = new Ctor();
  return audio;
}

function say(name: string, key: string, outcome?: Outcome): void {
  const element = root?.querySelector<HTMLElement>(`[data-result="${name}"]`);
  if (!element) return;
  element.textContent = texts[key] ?? key;
  if (outcome) element.setAttribute("data-outcome", outcome);
  else element.removeAttribute("data-outcome");
}

async function openMedia(): Promise<MediaResult> {
  if (!navigator.mediaDevices?.getUserMedia) return "denied";
  try {
    const remembered = {
      video: preferred("videoinput").deviceId ? preferred("videoinput") : true,
      audio: preferred("audioinput").deviceId ? preferred("audioinput") : true,
    };
    const plain = { video: true, audio: true };
    // A device chosen before may be gone: then the browser's own choice.
    const stream = await navigator.mediaDevices
      .getUserMedia(hasChoice() ? remembered : plain)
      .catch(() => navigator.mediaDevices.getUserMedia(plain));
    show(stream);
    void offerDevices();
    return "ok";
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "NotFoundError" || name === "OverconstrainedError") return "missing";
    if (name === "NotReadableError" || name === "AbortError") return "busy";
    return "denied";
  }
}

let current: MediaStream | undefined;

/** The stream in the preview and on the level meter; the one before it is stopped. */
function show(stream: MediaStream): void {
  for (const track of current?.getTracks() ?? []) track.stop();
  current = stream;
  registerStream(stream);
  const video = document.getElementById("check-video") as HTMLVideoElement | null;
  if (video) {
    video.srcObject = stream;
    video.play().catch(() => undefined);
  }
  showLevel(stream);
}

/**
 * Camera and microphone to choose from, once access was granted (only then do
 * devices have names). The choice is kept for the call on this device.
 */
async function offerDevices(): Promise<void> {
  const box = document.getElementById("check-devices");
  if (!box || !navigator.mediaDevices?.enumerateDevices) return;
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  const selects = Array.from(box.querySelectorAll("select"));
  for (const select of selects) {
    const kind = select.dataset.kind === "videoinput" ? "videoinput" : "audioinput";
    const inUse = (
      kind === "videoinput" ? current?.getVideoTracks() : current?.getAudioTracks()
    )?.[0];
    const active = inUse?.getSettings().deviceId;
    fillSelect(select, devices, kind, active);
    select.onchange = async () => {
      rememberDevice(kind, select.value);
      // The one just picked exactly; the other as remembered, if it is still there.
      const picked = { deviceId: { exact: select.value } };
      const other = kind === "videoinput" ? "audioinput" : "videoinput";
      const kept = preferred(other).deviceId ? preferred(other) : true;
      try {
        show(
          await navigator.mediaDevices.getUserMedia(
            kind === "videoinput" ? { video: picked, audio: kept } : { video: kept, audio: picked },
          ),
        );
      } catch {
        // The device went away meanwhile: the preview keeps what it had.
      }
    };
  }
  box.hidden = selects.every((select) => select.options.length === 0);
}

function showLevel(stream: MediaStream): void {
  const meter = document.getElementById("check-mic") as HTMLMeterElement | null;
  const context = audioContext();
  if (!meter || !context || stream.getAudioTracks().length === 0) return;
  context.resume().catch(() => undefined);
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  const tick = () => {
    if (stream.getAudioTracks().every((track) => track.readyState === "ended")) return;
    analyser.getByteTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += ((sample - 128) / 128) ** 2;
    // Speech sits far below full scale; the factor makes it visible on the meter.
    meter.value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
    requestAnimationFrame(tick);
  };
  tick();
}

function playTone(): void {
  const context = audioContext();
  if (!context) return;
  context.resume().catch(() => undefined);
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 440;
  gain.gain.value = 0.2;
  // Separate calls: older Safari does not return the node from connect().
  oscillator.connect(gain);
  gain.connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.6);
}

async function probeConnection(): Promise<Connection> {
  let servers: RTCIceServer[] = [];
  try {
    const response = await fetch("/check/ice-servers", { credentials: "same-origin" });
    servers = ((await response.json()) as { iceServers: RTCIceServer[] }).iceServers;
  } catch {
    // Without the list, host candidates still tell whether WebRTC can gather at all.
  }
  const pc = new RTCPeerConnection({ iceServers: servers });
  pc.createDataChannel("check");
  const types = new Set<string>();
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      pc.close();
      if (types.has("host") || types.has("srflx") || types.has("prflx")) resolve("direct");
      else resolve(types.has("relay") ? "relay" : "blocked");
    };
    const timer = setTimeout(finish, GATHER_TIMEOUT_MS);
    pc.onicecandidate = (event) => {
      if (!event.candidate) return finish();
      const type = event.candidate.type ?? / typ (\w+)/.exec(event.candidate.candidate)?.[1];
      if (type) types.add(type);
    };
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch(finish);
  });
}

/**
 * The invitation's link carries the dial-in code after `#` (`/check#code=…`), which
 * no browser sends to a server: it is kept here for the result's POST body and
 * taken out of the address bar and the history.
 */
const linkCode = /^#code=([0-9 -]{1,64})$/.exec(location.hash)?.[1];
if (linkCode) history.replaceState(history.state, "", location.pathname + location.search);

async function report(result: "passed" | "relay" | "failed"): Promise<void> {
  const token = root?.dataset.token;
  if (!token && !linkCode) return;
  const body = new FormData();
  body.set("result", result);
  if (token) body.set("token", token);
  else if (linkCode) body.set("code", linkCode);
  const response = await fetch("/check/result", {
    method: "POST",
    body,
    credentials: "same-origin",
  }).catch(() => undefined);
  const summary = document.getElementById("check-summary");
  if (response?.ok && summary) summary.textContent += ` ${texts["check.saved"] ?? ""}`;
}

async function run(button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  for (const name of ["camera", "microphone", "webrtc", "connection"]) say(name, "check.running");
  const webrtc = typeof RTCPeerConnection === "function";
  say("webrtc", webrtc ? "check.webrtcOk" : "check.webrtcMissing", webrtc ? "ok" : "bad");
  const media = await openMedia();
  const mediaKey =
    media === "ok" ? "check.cameraOk" : `check.media${media[0]?.toUpperCase()}${media.slice(1)}`;
  say("camera", mediaKey, media === "ok" ? "ok" : "bad");
  say("microphone", media === "ok" ? "check.micOk" : mediaKey, media === "ok" ? "ok" : "bad");
  const connection: Connection = webrtc ? await probeConnection() : "blocked";
  const outcome: Outcome = connection === "direct" ? "ok" : connection === "relay" ? "warn" : "bad";
  say("connection", `check.${connection}`, outcome);
  const result =
    media !== "ok" || !webrtc || connection === "blocked"
      ? "failed"
      : connection === "relay"
        ? "relay"
        : "passed";
  const summary = document.getElementById("check-summary");
  if (summary) {
    summary.textContent = texts[result === "relay" ? "check.relayResult" : `check.${result}`] ?? "";
    summary.setAttribute("data-summary", result);
  }
  button.disabled = false;
  await report(result);
}

if (root) {
  texts = JSON.parse(root.dataset.texts ?? "{}") as Record<string, string>;
  root.hidden = false;
  const start = document.getElementById("check-start") as HTMLButtonElement | null;
  start?.addEventListener("click", () => {
    if (start) run(start);
  });
  document.getElementById("check-speaker")?.addEventListener("click", playTone);
  // Leaving the page turns the camera off at once, not when the tab is closed.
  window.addEventListener("pagehide", stopAllStreams);
}
