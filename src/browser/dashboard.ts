/**
 * Dashboard helpers on top of htmx polling: the page title shows how many
 * clients wait, and an optional chime and browser notification announce a new
 * arrival. Both stay silent while a session is running. Browsers allow sound
 * only after a gesture, so the chime is a checkbox the counsellor ticks.
 */
const CHIME_KEY = "sprechzimmer.chime";
const baseTitle = document.title.replace(/^\(\d+\)[^·]*·\s*/, "");
let lastWaiting = -1;
let audio: AudioContext | undefined;

function chime(): void {
  const AudioCtor =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!AudioCtor) return;
  audio ??= new AudioCtor();
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 660;
  gain.gain.setValueAtTime(0.2, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + 0.6);
}

function update(): void {
  const list = document.getElementById("today");
  if (!list) return;
  const waiting = list.querySelectorAll('.today-item[data-status="waiting"]').length;
  const inSession = list.querySelector('.today-item[data-status="inSession"]') !== null;
  const template = list.dataset.waitingTitle ?? "({count})";
  document.title =
    waiting > 0 ? `${template.replace("{count}", String(waiting))} · ${baseTitle}` : baseTitle;
  if (lastWaiting >= 0 && waiting > lastWaiting && !inSession) {
    const box = document.getElementById("chime") as HTMLInputElement | null;
    if (box?.checked) chime();
    if ("Notification" in window && Notification.permission === "granted") {
      new Notification(template.replace("{count}", String(waiting)));
    }
  }
  lastWaiting = waiting;
}

const options = document.querySelector<HTMLElement>(".dash-options");
if (options) options.hidden = false;
const box = document.getElementById("chime") as HTMLInputElement | null;
if (box) {
  box.checked = localStorage.getItem(CHIME_KEY) === "on";
  box.addEventListener("change", () => {
    localStorage.setItem(CHIME_KEY, box.checked ? "on" : "off");
    if (box.checked) chime();
  });
}
const notify = document.getElementById("notify");
if (notify) {
  if (!("Notification" in window) || Notification.permission !== "default") notify.hidden = true;
  notify.addEventListener("click", () => {
    void Notification.requestPermission().then(() => {
      notify.hidden = true;
    });
  });
}
document.body.addEventListener("htmx:afterSwap", update);
update();
