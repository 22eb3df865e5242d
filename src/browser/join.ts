/**
 * The invitation link carries the dial-in code after `#` (`/join#code=…`), the one
 * part of an address a browser never sends to a server, so no access log or
 * request log can hold it. This fills it into the code field and takes it out of
 * the address bar and the history. Without JavaScript the client types the code
 * the invitation shows next to the link.
 */
const fromLink = /^#code=([0-9 -]{1,64})$/.exec(location.hash);
const codeField = document.getElementById("code");
if (fromLink && codeField instanceof HTMLInputElement) {
  if (codeField.value === "") codeField.value = fromLink[1] ?? "";
  history.replaceState(history.state, "", location.pathname + location.search);
  document.getElementById("name")?.focus();
}
