/**
 * @module
 * Form building blocks: a labelled field with its error next to it, and a
 * summary at the top announced to screen readers.
 */
import type { MessageKey, Translate } from "../../src/i18n/index.ts";

export interface FieldProps {
  t: Translate;
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "date" | "time" | "number" | "tel";
  value?: string | number | undefined;
  error?: MessageKey | undefined;
  required?: boolean;
  autocomplete?: string;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  maxlength?: number;
  hint?: string;
}

export function Field(props: FieldProps) {
  const { t, name, label, error, hint } = props;
  const id = `field-${name}`;
  const described = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={props.type ?? "text"}
        value={props.type === "password" ? undefined : props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        min={props.min}
        max={props.max}
        step={props.step}
        maxlength={props.maxlength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
}

/** A message box: errors are announced at once, notices politely. */
export function Notice({ kind, children }: { kind: "error" | "info"; children: string }) {
  return (
    <p class={`notice ${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </p>
  );
}
