import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import { Field } from "./form.tsx";

/** What the start checklist shows: as stored, or as typed when it was refused. */
export interface ChecklistValues {
  identity: boolean;
  undisturbed: boolean;
  present: string;
  phone: string;
}

/**
 * The counsellor's start checklist beside the call: ticked off or skipped (it
 * closes once both boxes are ticked). htmx saves it in place, so the call goes on.
 */
export function StartChecklist(props: {
  t: Translate;
  action: string;
  values: ChecklistValues;
  errors?: Record<string, MessageKey>;
  saved?: boolean;
}) {
  const { t, values } = props;
  const errors = props.errors ?? {};
  const done = [values.identity, values.undisturbed, values.phone !== ""].filter(Boolean).length;
  return (
    <details class="checklist" id="checklist" open={!(values.identity && values.undisturbed)}>
      <summary>
        {t("checklist.title")} ({done}/3)
      </summary>
      <form
        method="post"
        action={props.action}
        hx-post={props.action}
        hx-target="#checklist"
        hx-swap="outerHTML"
        class="stack"
      >
        <label class="check">
          <input type="checkbox" name="identity" value="yes" checked={values.identity} />{" "}
          {t("checklist.identity")}
        </label>
        <label class="check">
          <input type="checkbox" name="undisturbed" value="yes" checked={values.undisturbed} />{" "}
          {t("checklist.undisturbed")}
        </label>
        <Field
          t={t}
          name="present"
          label={t("checklist.present")}
          value={values.present}
          maxlength={200}
          error={errors.present}
        />
        <Field
          t={t}
          name="phone"
          type="tel"
          label={t("checklist.phone")}
          hint={t("checklist.phoneHint")}
          value={values.phone}
          maxlength={40}
          autocomplete="off"
          error={errors.phone}
        />
        <button type="submit" class="button">
          {t("checklist.save")}
        </button>
        {props.saved ? <p role="status">{t("checklist.saved")}</p> : null}
      </form>
    </details>
  );
}
