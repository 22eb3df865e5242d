/**
 * The call page's elements and the few ways the script changes them. Texts come
 * from the page (`data-texts`), in the visitor's language.
 */
export function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

export interface CallUi {
  /** `#call`, which carries the page's state as classes and `data-state`. */
  root: HTMLElement;
  /** The page's texts by short name (`data-texts`); `{name}` stands for a person's name. */
  texts: Record<string, string>;
  selfVideo: HTMLVideoElement;
  chatInput: HTMLInputElement;
  /** Shows a connection state in words (aria-live) and as `data-state`. */
  setState(name: string): void;
  state(): string;
  /** Flips a toggle button's pressed state and its label. */
  toggle(id: string, pressed: boolean, on: string, off: string): void;
  /** A chat line; `who` is the sender's name, or "you". */
  addChat(who: string, text: string): void;
  setChatEnabled(enabled: boolean): void;
  /** The quality in words and as `data-quality`; `data-samples` counts the samples shown. */
  showQuality(quality: string): void;
  /** "Bild an die Verbindung angepasst" and in which direction (`data-adapted`), or hidden. */
  showAdapted(adapted: { sending: boolean; receiving: boolean }): void;
  /** Offers sound only: the line is too weak for video, or just poor; `null` hides the offer. */
  suggestAudioOnly(reason: "weak" | "poor" | null): void;
  /** Says whether media goes direct or through the relay server; null hides it. */
  showPath(path: "direct" | "relay" | null): void;
  /**
   * Who of the others has the microphone or camera off, in words (empty hides the line);
   * `audio` and `video` say whether all of them have it on.
   */
  showPeerMedia(text: string, audio: boolean, video: boolean): void;
}

export function callUi(root: HTMLElement, texts: Record<string, string>): CallUi {
  const stateEl = byId("call-state");
  const qualityEl = byId("call-quality");
  const adaptedEl = byId("call-adapted");
  const suggestEl = byId("call-suggest");
  let samples = 0;
  const chatInput = byId<HTMLInputElement>("chat-input");
  const chatSend = byId("chat-form").querySelector("button") as HTMLButtonElement;
  return {
    root,
    texts,
    selfVideo: byId<HTMLVideoElement>("self-video"),
    chatInput,
    setState(name) {
      stateEl.dataset.state = name;
      root.dataset.state = name;
      stateEl.textContent = texts[name] ?? name;
    },
    state: () => stateEl.dataset.state ?? "",
    toggle(id, pressed, on, off) {
      const button = byId(id);
      button.setAttribute("aria-pressed", String(pressed));
      button.textContent = texts[pressed ? off : on] ?? "";
    },
    addChat(who, text) {
      const item = document.createElement("li");
      const name = document.createElement("strong");
      name.textContent = `${who === "you" ? texts.you : who}: `;
      item.appendChild(name);
      // Text nodes only: a chat message is never parsed as HTML.
      item.appendChild(document.createTextNode(text.slice(0, 1000)));
      byId("chat-log").appendChild(item);
    },
    setChatEnabled(enabled) {
      chatInput.disabled = !enabled;
      chatSend.disabled = !enabled;
    },
    showQuality(quality) {
      qualityEl.dataset.quality = quality;
      qualityEl.textContent = texts[quality] ?? quality;
      samples += 1;
      qualityEl.dataset.samples = String(samples);
    },
    showAdapted(adapted) {
      const ways = [adapted.sending ? "sending" : "", adapted.receiving ? "receiving" : ""];
      const value = ways.filter(Boolean).join(" ") || "none";
      if (adaptedEl.dataset.adapted === value) return;
      adaptedEl.dataset.adapted = value;
      adaptedEl.hidden = value === "none";
      const text =
        adapted.sending && adapted.receiving
          ? "adaptedBoth"
          : adapted.sending
            ? "adaptedSending"
            : "adaptedReceiving";
      adaptedEl.textContent = value === "none" ? "" : (texts[text] ?? "");
    },
    suggestAudioOnly(reason) {
      suggestEl.hidden = reason === null;
      if (reason === null || suggestEl.dataset.reason === reason) return;
      suggestEl.dataset.reason = reason;
      byId("call-suggest-text").textContent =
        texts[reason === "weak" ? "tooWeak" : "poorLine"] ?? "";
    },
    showPath(path) {
      const pathEl = byId("call-path");
      pathEl.hidden = path === null;
      pathEl.dataset.path = path ?? "";
      pathEl.textContent = path ? (texts[`path-${path}`] ?? path) : "";
    },
    showPeerMedia(text, audio, video) {
      const line = byId("peer-media");
      if (line.textContent !== text) line.textContent = text;
      line.hidden = text === "";
      line.dataset.audio = String(audio);
      line.dataset.video = String(video);
    },
  };
}
