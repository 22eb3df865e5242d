/**
 * The counsellor's notice of another device that wants to join with the
 * client's code (`#knock`, rendered by the page). A request arriving over the
 * socket fills it in; the two answers are sent without leaving the call, and a
 * settled request hides it.
 */
import type { Knock } from "../../rooms/protocol.ts";

export interface KnockNotice {
  show(knock: Knock | null): void;
}

export function knockNotice(): KnockNotice | null {
  const box = document.getElementById("knock");
  if (!box) return null;
  const name = box.querySelector<HTMLElement>("[data-knock-name]");
  const show = (knock: Knock | null) => {
    box.hidden = knock === null;
    if (!knock) return;
    const template = name?.getAttribute("data-template") ?? "{name}";
    // A function, so a typed "$&" is shown as typed.
    if (name) name.textContent = template.replace("{name}", () => knock.name);
    const ids = box.querySelectorAll<HTMLInputElement>("[data-knock-id]");
    for (let i = 0; i < ids.length; i++) (ids[i] as HTMLInputElement).value = knock.id;
  };
  const forms = box.querySelectorAll<HTMLFormElement>("form[data-knock-form]");
  for (let i = 0; i < forms.length; i++) {
    const form = forms[i] as HTMLFormElement;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "HX-Request": "true" },
      }).then((res) => {
        // 409: the request changed meanwhile; the socket brings the current one.
        if (res.status === 204) show(null);
      });
    });
  }
  return { show };
}
