import type { Translate } from "../../src/i18n/index.ts";
import type { JoinErrors, JoinValues } from "../model.ts";

/** What the join page shows: the typed values, errors per field, an optional reload. */
export interface JoinPageProps {
  t: Translate;
  values: JoinValues;
  /** Translated messages per field; `form` is about the appointment. */
  errors?: JoinErrors;
  /** Reload to this address after this many seconds (waiting room not open yet). */
  refresh?: { seconds: number; url: string } | undefined;
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p class="field-error" id={id}>
      {text}
    </p>
  ) : null;
}

/** The join form: a plain POST that works without JavaScript. */
export function JoinPage({ t, values, errors = {}, refresh }: JoinPageProps) {
  const fieldErrors = (["code", "name", "consent"] as const).filter((field) => errors[field]);
  return (
    <>
      {refresh ? (
        <meta http-equiv="refresh" content={`${refresh.seconds}; url=${refresh.url}`} />
      ) : null}
      <h1>{t("join.title")}</h1>
      <p class="lead">{t("join.lead")}</p>
      {errors.form ? (
        <p class="client-notice" role="alert">
          {errors.form}
        </p>
      ) : null}
      {fieldErrors.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="errors-title">
          <h2 id="errors-title">{t("join.errorsTitle")}</h2>
          <ul>
            {fieldErrors.map((field) => (
              <li>
                <a href={`#${field}`}>{errors[field]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/join" class="join-form" novalidate>
        <div class="field">
          <label for="code">{t("join.code")}</label>
          <p class="hint" id="code-hint">
            {t("join.codeHint")}
          </p>
          <FieldError id="code-error" text={errors.code} />
          <input
            id="code"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={64}
            required
            value={values.code}
            aria-invalid={errors.code ? "true" : undefined}
            aria-describedby={errors.code ? "code-hint code-error" : "code-hint"}
          />
        </div>
        <div class="field">
          <label for="name">{t("join.name")}</label>
          <p class="hint" id="name-hint">
            {t("join.nameHint")}
          </p>
          <FieldError id="name-error" text={errors.name} />
          <input
            id="name"
            name="name"
            type="text"
            autocomplete="name"
            // Arriving by invitation link or the too-early reload, the name is what is left to type.
            autofocus={values.code !== "" && !values.name && Object.keys(errors).length === 0}
            maxlength={200}
            required
            value={values.name}
            aria-invalid={errors.name ? "true" : undefined}
            aria-describedby={errors.name ? "name-hint name-error" : "name-hint"}
          />
        </div>
        <div class="field">
          <FieldError id="consent-error" text={errors.consent} />
          <div class="check">
            <input
              id="consent"
              name="consent"
              type="checkbox"
              value="yes"
              required
              checked={values.consent}
              aria-invalid={errors.consent ? "true" : undefined}
              aria-describedby={errors.consent ? "consent-error" : undefined}
            />
            <label for="consent">{t("join.consent")}</label>
          </div>
          <p>
            <a href="/info" target="_blank" rel="noopener">
              {t("join.consentLink")}
            </a>
          </p>
        </div>
        <button type="submit" class="button primary">
          {t("join.submit")}
        </button>
      </form>
    </>
  );
}
