/**
 * Copy buttons: a button with `data-copy-target` copies that element's text.
 * The buttons stay hidden without JavaScript, where the text is selectable.
 */
const buttons = document.querySelectorAll<HTMLButtonElement>("button[data-copy-target]");
for (const button of Array.from(buttons)) {
  const target = document.getElementById(button.dataset.copyTarget ?? "");
  if (!(target instanceof HTMLTextAreaElement) || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(target.value).then(
      () => {
        const status = document.querySelector(".copy-status");
        if (status) status.textContent = button.dataset.copiedText ?? "";
      },
      () => {
        target.focus();
        target.select();
      },
    );
  });
}
