import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import type { AppointmentFormValues } from "../model.ts";
import { Field, Notice } from "../partials/form.tsx";

/** Create and edit share one form; `action` decides which. */
export function AppointmentFormPage(props: {
  t: Translate;
  action: string;
  heading: string;
  submit: string;
  values: AppointmentFormValues;
  errors?: Record<string, MessageKey>;
}) {
  const { t, values, errors = {} } = props;
  return (
    <>
      <h1>{props.heading}</h1>
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t("form.fixErrors")}</Notice> : null}
      <form method="post" action={props.action} class="stack">
        <Field
          t={t}
          name="clientName"
          label={t("appt.clientName")}
          value={values.clientName}
          error={errors.clientName}
          required
          maxlength={80}
          autocomplete="off"
        />
        <div class="row">
          <Field
            t={t}
            name="date"
            type="date"
            label={t("appt.date")}
            value={values.date}
            error={errors.date}
            required
          />
          <Field
            t={t}
            name="time"
            type="time"
            label={t("appt.time")}
            value={values.time}
            error={errors.time}
            required
            step={60}
          />
          <Field
            t={t}
            name="durationMinutes"
            type="number"
            label={t("appt.duration")}
            value={values.durationMinutes}
            error={errors.durationMinutes}
            required
            min={5}
            max={240}
            step={5}
          />
        </div>
        <div class={errors.note ? "field invalid" : "field"}>
          <label for="field-note">{t("appt.note")}</label>
          {errors.note ? (
            <p class="error" id="field-note-error">
              {t(errors.note)}
            </p>
          ) : null}
          <textarea
            id="field-note"
            name="note"
            rows={3}
            maxlength={1000}
            aria-invalid={errors.note ? "true" : undefined}
          >
            {values.note ?? ""}
          </textarea>
        </div>
        <button type="submit" class="button primary">
          {props.submit}
        </button>
      </form>
    </>
  );
}
