/**
 * Device and connection self-test: camera preview, microphone level, a test
 * tone, WebRTC support and an ICE gathering probe that tells which network paths
 * work (direct, relay over UDP, relay over TCP). Reports the overall result and
 * the paths to the server when the page has a token (or the link's code) for an
 * appointment.
 */
import {
  CHECK_PATHS,
  type CheckPath,
  formatPaths,
  type PathAnswers,
} from "../client-journey/check-paths.ts";
import { fillSelect, hasChoice, preferred, rememberDevice } from "./lib/device-choice.ts";
import {
  type ConnectionVerdict,
  connectionVerdict,
  decidePaths,
  type GatheredCandidate,
  mergeCandidates,
  parseCandidateLine,
} from "./lib/ice-probe.ts";
import { registerStream, stopAllStreams } from "./lib/streams.ts";

type Outcome = "ok" | "warn" | "bad";
type MediaResult = "ok" | "denied" | "missing" | "busy";

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

/**
 * The invitation's link carries the dial-in code after `#` (`/check#code=…`), which
 * no browser sends to a server: it is kept here for the POST bodies and taken out
 * of the address bar and the history.
 */
const linkCode = /^#code=([0-9 -]{1,64})$/.exec(location.hash)?.[1];
if (linkCode) history.replaceState(history.state, "", location.pathname + location.search);

/** The page's token for this appointment: from the page, or exchanged for the link's code. */
let token = root?.dataset.token || undefined;
/** Whether the server has answered about the link's code already (it is sent once). */
let linkCodeSent = false;

/** Exchanges the link's code for a token, so the probe may test the relays and the result is saved. */
async function tokenFromLink(): Promise<void> {
  if (token || !linkCode || linkCodeSent) return;
  const body = new FormData();
  body.set("code", linkCode);
  const response = await fetch("/check/token", {
    method: "POST",
    body,
    credentials: "same-origin",
  }).catch(() => undefined);
  if (!response) return;
  linkCodeSent = true;
  if (!response.ok) return;
  const answer = (await response.json().catch(() => undefined)) as { token?: unknown } | undefined;
  if (typeof answer?.token === "string") token = answer.token;
}

/** The ICE servers to test against: TURN credentials only come with the token or the client cookie. */
async function iceServers(): Promise<RTCIceServer[]> {
  try {
    const response = await fetch("/check/ice-servers", {
      credentials: "same-origin",
      headers: token ? { "X-Check-Token": token } : {},
    });
    return ((await response.json()) as { iceServers: RTCIceServer[] }).iceServers;
  } catch {
    // Without the list, host candidates still tell whether WebRTC can gather at all.
    return [];
  }
}

type IceCandidateMore = RTCIceCandidate & {
  relayProtocol?: string | null;
  url?: string | null;
};

/**
 * A candidate as its event tells it; older browsers give only the SDP line.
 * Chromium names the server's URL (and the relay protocol only for TCP), Firefox
 * neither: its stats have the relay protocol, and `mergeCandidates` joins both.
 */
function fromEvent(ice: RTCIceCandidate, event: RTCPeerConnectionIceEvent): GatheredCandidate {
  const candidate = ice as IceCandidateMore;
  const line = parseCandidateLine(candidate.candidate);
  return {
    type: candidate.type ?? line.type,
    protocol: candidate.protocol ?? line.protocol,
    address: candidate.address ?? line.address,
    port: candidate.port ?? line.port,
    relatedAddress: candidate.relatedAddress ?? line.relatedAddress,
    relatedPort: candidate.relatedPort ?? line.relatedPort,
    relayProtocol: candidate.relayProtocol,
    url: candidate.url || (event as RTCPeerConnectionIceEvent & { url?: string | null }).url,
  };
}

/** The `local-candidate` entries of the connection's stats. */
async function localCandidates(pc: RTCPeerConnection): Promise<GatheredCandidate[]> {
  const found: GatheredCandidate[] = [];
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const number = (value: unknown) => (typeof value === "number" ? value : undefined);
  try {
    (await pc.getStats()).forEach((entry: Record<string, unknown>) => {
      if (entry.type !== "local-candidate") return;
      found.push({
        type: text(entry.candidateType),
        protocol: text(entry.protocol),
        address: text(entry.address) || text(entry.ip),
        port: number(entry.port),
        relatedAddress: text(entry.relatedAddress),
        relatedPort: number(entry.relatedPort),
        relayProtocol: text(entry.relayProtocol),
        url: text(entry.url),
      });
    });
  } catch {
    // No stats: the events alone decide.
  }
  return found;
}

interface Probe {
  answers: PathAnswers;
  connection: ConnectionVerdict;
}

/**
 * Gathers candidates against the configured STUN and TURN servers until the
 * browser says it is done (the null candidate) or the time is up, then decides
 * which paths work (`lib/ice-probe.ts`).
 */
async function probeConnection(): Promise<Probe> {
  const servers = await iceServers();
  const pc = new RTCPeerConnection({ iceServers: servers });
  pc.createDataChannel("check");
  const fromEvents: GatheredCandidate[] = [];
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, GATHER_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    pc.onicecandidate = (event) => {
      if (!event.candidate) return done();
      // Firefox ends each generation with an empty candidate before the null one.
      if (!event.candidate.candidate) return;
      fromEvents.push(fromEvent(event.candidate, event));
    };
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch(done);
  });
  pc.onicecandidate = null;
  const candidates = mergeCandidates([...(await localCandidates(pc)), ...fromEvents]);
  pc.close();
  const answers = decidePaths(servers, candidates);
  return { answers, connection: connectionVerdict(answers, candidates) };
}

const TEXT_NAMES: Record<CheckPath, string> = {
  direct: "direct",
  "udp-relay": "udpRelay",
  "tcp-relay": "tcpRelay",
};

/** One line per path, each with `data-path` and `data-works` for a reader or a test. */
function showPaths(answers: PathAnswers | undefined): void {
  const list = document.getElementById("check-paths");
  if (!list) return;
  for (const path of CHECK_PATHS) {
    const item = list.querySelector(`[data-path="${path}"]`);
    if (!item) continue;
    if (answers) {
      item.textContent = texts[`check.path.${TEXT_NAMES[path]}.${answers[path]}`] ?? "";
      item.setAttribute("data-works", answers[path]);
    } else {
      item.textContent = "";
      item.removeAttribute("data-works");
    }
  }
  list.hidden = !answers;
}

async function report(
  result: "passed" | "relay" | "failed",
  answers: PathAnswers | undefined,
): Promise<void> {
  const sendCode = !token && linkCode && !linkCodeSent;
  if (!token && !sendCode) return;
  const body = new FormData();
  body.set("result", result);
  if (answers) body.set("paths", formatPaths(answers));
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

const CONNECTION_OUTCOME: Record<ConnectionVerdict, Outcome> = {
  direct: "ok",
  relay: "warn",
  untested: "warn",
  blocked: "bad",
};

async function run(button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  for (const name of ["camera", "microphone", "webrtc", "connection"]) say(name, "check.running");
  showPaths(undefined);
  const webrtc = typeof RTCPeerConnection === "function";
  say("webrtc", webrtc ? "check.webrtcOk" : "check.webrtcMissing", webrtc ? "ok" : "bad");
  const media = await openMedia();
  const mediaKey =
    media === "ok" ? "check.cameraOk" : `check.media${media[0]?.toUpperCase()}${media.slice(1)}`;
  say("camera", mediaKey, media === "ok" ? "ok" : "bad");
  say("microphone", media === "ok" ? "check.micOk" : mediaKey, media === "ok" ? "ok" : "bad");
  await tokenFromLink();
  const probe: Probe | undefined = webrtc ? await probeConnection() : undefined;
  const connection: ConnectionVerdict = probe?.connection ?? "blocked";
  say("connection", `check.${connection}`, CONNECTION_OUTCOME[connection]);
  showPaths(probe?.answers);
  // Passed when a direct path works (or nothing could be tested), relay when only a relay does.
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
  await report(result, probe?.answers);
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
