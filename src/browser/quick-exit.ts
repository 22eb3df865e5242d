/**
 * Quick exit: on a click of "Schnell verlassen" or Escape pressed twice, stop
 * camera and microphone, sign off in the background and replace this page with a
 * neutral one, so the Back button does not lead back here. And the plain
 * "Abmelden": from the moment it is sent, the waiting room polls no more, so no
 * poll crosses the sign-off and is answered "no session" while the page leaves.
 */
import { stopAllStreams } from "./lib/streams.ts";

const DOUBLE_ESCAPE_MS = 1500;

function leave(button: HTMLButtonElement): void {
  stopAllStreams();
  const target = button.dataset.quickExit || "/";
  // Blank the screen at once, even where the next page takes a moment (a slow
  // phone, a new browser process for another site). This also ends the waiting
  // room's polling, whose answer could otherwise navigate back in the meantime.
  document.body.innerHTML = "";
  document.title = "";
  const body = new FormData();
  // The beacon carries the cookie; the server forgets the session.
  const sent =
    typeof navigator.sendBeacon === "function" &&
    navigator.sendBeacon("/leave/quick?beacon=1", body);
  if (!sent) {
    fetch("/leave/quick?beacon=1", {
      method: "POST",
      body,
      keepalive: true,
      credentials: "same-origin",
    }).catch(() => undefined);
  }
  location.replace(target);
}

function quietOnSignOff(): void {
  const form = document.querySelector<HTMLFormElement>("form.sign-off");
  if (!form) return;
  let leaving = false;
  form.addEventListener("submit", () => {
    leaving = true;
    const status = document.getElementById("lobby-status");
    // htmx drops the poll already on its way, and refuses every later one.
    if (status) status.dispatchEvent(new CustomEvent("htmx:abort"));
  });
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (leaving) event.preventDefault();
  });
}

function start(): void {
  quietOnSignOff();
  const button = document.querySelector<HTMLButtonElement>("button[data-quick-exit]");
  if (!button) return;
  button.addEventListener("click", (event) => {
    event.preventDefault();
    leave(button);
  });
  let lastEscape = 0;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const now = Date.now();
    if (now - lastEscape < DOUBLE_ESCAPE_MS) leave(button);
    lastEscape = now;
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
