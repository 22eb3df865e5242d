import type { MessageKey, Translate } from "../../src/i18n/index.ts";

/**
 * The waiting client's short answer to the counsellor. A plain form post (303
 * back to the waiting room); htmx posts it in place, swaps the status fragment
 * with the answer in it and replaces this form out of band, emptied or with
 * the error. It sits outside the polled fragment, so a poll never eats what is
 * being typed.
 */
export function ReplyForm(props: {
  t: Translate;
  error?: MessageKey | undefined;
  value?: string | undefined;
  oob?: boolean;
}) {
  const { t, error } = props;
  return (
    <form
      id="reply-form"
      method="post"
      action="/lobby/message"
      class="stack reply-form"
      hx-post="/lobby/message"
      hx-target="#lobby-status"
      hx-swap="outerHTML"
      hx-swap-oob={props.oob ? "true" : undefined}
    >
      <div class={error ? "field invalid" : "field"}>
        <label for="field-reply">{t("lobby.replyLabel")}</label>
        <p class="hint" id="field-reply-hint">
          {t("lobby.replyHint")}
        </p>
        {error ? (
          <p class="error" id="field-reply-error">
            {t(error)}
          </p>
        ) : null}
        <input
          id="field-reply"
          name="message"
          maxlength={200}
          value={props.value ?? ""}
          autocomplete="off"
          aria-describedby={error ? "field-reply-hint field-reply-error" : "field-reply-hint"}
          aria-invalid={error ? "true" : undefined}
        />
      </div>
      <button type="submit" class="button">
        {t("lobby.replySend")}
      </button>
    </form>
  );
}
