/**
 * @module
 * Further participants on the counsellor's pages: the appointment page's list
 * (state, code, invitation, admit, send back, remove) with the add form, and a
 * short list of states for the dashboard and the call page.
 */
import type { Lang, MessageKey, Translate } from "../../src/i18n/index.ts";
import type { ParticipantForm, ParticipantInvitationView, ParticipantView } from "../model.ts";

function FieldError(props: { t: Translate; id: string; error?: MessageKey | undefined }) {
  return props.error ? (
    <p class="error" id={props.id}>
      {props.t(props.error)}
    </p>
  ) : null;
}

/** Admit and send back for one further participant: plain form posts. */
export function ParticipantActions(props: {
  t: Translate;
  appointmentId: string;
  participant: Pick<ParticipantView, "id" | "state" | "name">;
  /** "call" on the counsellor's call page, so the answer leads back there. */
  from?: "call" | undefined;
}) {
  const { t, participant: p } = props;
  const action = (path: "admit" | "back", label: string, kind: string) => (
    <form
      method="post"
      action={`/appointments/${props.appointmentId}/participants/${p.id}/${path}`}
      class="inline"
      data-participant-action={path}
      hx-post={
        props.from === "call"
          ? `/appointments/${props.appointmentId}/participants/${p.id}/${path}`
          : undefined
      }
      hx-target={props.from === "call" ? "#participant-states" : undefined}
      hx-swap={props.from === "call" ? "outerHTML" : undefined}
    >
      {props.from ? <input type="hidden" name="from" value={props.from} /> : null}
      <button type="submit" class={kind} aria-label={`${label}: ${p.name}`}>
        {label}
      </button>
    </form>
  );
  if (p.state === "waiting") return action("admit", t("participant.admit"), "button primary");
  if (p.state === "inSession") return action("back", t("participant.sendBack"), "button");
  return null;
}

/** One person's state with the name they typed: "Dolmetscher/in · wartet seit 13:56 Uhr". */
function StateLine({ t, p }: { t: Translate; p: ParticipantView }) {
  return (
    <>
      <span class={`status status-${p.state}`} data-status={p.state}>
        {p.stateText}
      </span>
      {p.givenName ? (
        <span class="typed-name"> · {t("appt.typedName", { name: p.givenName })}</span>
      ) : null}
    </>
  );
}

/**
 * The further participants in short, with their states (the dashboard and the
 * counsellor's call page). On the call page (`live`) the list renews itself from
 * `live` every 5 s while it has anyone to show, and its admit and send-back
 * buttons answer with the list (htmx), so the call goes on; without script they
 * are plain form posts. A call of two has nobody to show, so its page does not
 * poll (on Workers each poll is a paid request, some 600 in a 50-minute call);
 * it asks once when the window comes back into focus, as after adding someone
 * on the appointment page in another tab.
 */
export function ParticipantStates(props: {
  t: Translate;
  appointmentId: string;
  participants: ParticipantView[];
  /** The call page: the fragment's address, buttons included. */
  live?: string;
}) {
  const { t } = props;
  const list =
    props.participants.length === 0 ? null : (
      <ul class="participant-states" aria-label={t("participant.title")}>
        {props.participants.map((p) => (
          <li data-participant={p.id} data-status={p.state}>
            <span class="name">{p.name}</span> <span class="role">({p.role})</span> ·{" "}
            <StateLine t={t} p={p} />
            {props.live ? (
              <>
                {" "}
                <ParticipantActions
                  t={t}
                  appointmentId={props.appointmentId}
                  participant={p}
                  from="call"
                />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    );
  if (!props.live) return list;
  return (
    <div
      id="participant-states"
      class="participant-states-live"
      hx-get={props.live}
      hx-trigger={props.participants.length > 0 ? "every 5s" : "focus from:window"}
      hx-swap="outerHTML"
      aria-live="polite"
    >
      {props.participants.length > 0 ? <h2>{t("participant.title")}</h2> : null}
      {list}
    </div>
  );
}

/**
 * The appointment's further participants: each with state, code, invitation and
 * actions, and the form to add one while there is room.
 */
export function Participants(props: {
  t: Translate;
  appointmentId: string;
  inviteLang: Lang;
  participants: ParticipantInvitationView[];
  /** The roles the form offers, the last one taking a typed role. */
  roles: { value: string; label: string }[];
  open: boolean;
  canAdd: boolean;
  form?: ParticipantForm | undefined;
}) {
  const { t, inviteLang } = props;
  const base = `/appointments/${props.appointmentId}`;
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? {};
  return (
    <section aria-labelledby="participants" class="participants" id="participants-section">
      <h2 id="participants">{t("participant.title")}</h2>
      <p class="hint">{t("participant.intro")}</p>
      {props.participants.length === 0 ? <p>{t("participant.none")}</p> : null}
      {props.participants.map((p) => (
        <article
          class="participant"
          data-participant={p.id}
          aria-labelledby={`participant-${p.id}`}
        >
          <h3 id={`participant-${p.id}`}>
            {p.name} · {p.role}
          </h3>
          <p>
            <StateLine t={t} p={p} />
          </p>
          <p class="code-line">
            {t("appt.code")}:{" "}
            <strong class="code" data-dial-in-code={p.code}>
              {p.formattedCode}
            </strong>
          </p>
          <details>
            <summary>{t("participant.invitation", { name: p.name })}</summary>
            <label for={`invitation-text-${p.id}`} class="visually-hidden">
              {t("participant.invitation", { name: p.name })}
            </label>
            <textarea
              id={`invitation-text-${p.id}`}
              class="invitation-text"
              readonly
              rows={16}
              lang={inviteLang}
            >
              {p.text}
            </textarea>
            <div class="actions">
              <button
                type="button"
                class="button"
                data-copy-target={`invitation-text-${p.id}`}
                data-copied-text={t("invite.copied")}
                hidden
              >
                {t("invite.copy")}
              </button>
              <a class="button" href={`${base}/participants/${p.id}/print?invite=${inviteLang}`}>
                {t("invite.print")}
              </a>
              <a class="button" href={p.mailto}>
                {t("invite.mail")}
              </a>
              <a
                class="button"
                href={`${base}/participants/${p.id}/invitation.ics?invite=${inviteLang}`}
                download="videosprechstunde.ics"
              >
                {t("invite.ics")}
              </a>
            </div>
          </details>
          {props.open ? (
            <div class="actions">
              <ParticipantActions t={t} appointmentId={props.appointmentId} participant={p} />
              <form method="post" action={`${base}/participants/${p.id}/remove`} class="inline">
                <button
                  type="submit"
                  class="button danger"
                  aria-label={`${t("participant.remove")}: ${p.name}`}
                >
                  {t("participant.remove")}
                </button>
              </form>
            </div>
          ) : null}
        </article>
      ))}
      {errors.form ? (
        <p class="notice error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      {props.open && props.canAdd ? (
        <form method="post" action={`${base}/participants`} class="stack participant-form">
          <div class={errors.name ? "field invalid" : "field"}>
            <label for="field-participant-name">{t("participant.name")}</label>
            <FieldError t={t} id="field-participant-name-error" error={errors.name} />
            <input
              id="field-participant-name"
              name="name"
              required
              maxlength={80}
              autocomplete="off"
              value={values.name}
              aria-invalid={errors.name ? "true" : undefined}
              aria-describedby={errors.name ? "field-participant-name-error" : undefined}
            />
          </div>
          <div class={errors.role ? "field invalid" : "field"}>
            <label for="field-participant-role">{t("participant.roleLabel")}</label>
            <FieldError t={t} id="field-participant-role-error" error={errors.role} />
            <select id="field-participant-role" name="role">
              {props.roles.map((role) => (
                <option value={role.value} selected={values.role === role.value}>
                  {role.label}
                </option>
              ))}
            </select>
          </div>
          <div class={errors.roleText ? "field invalid" : "field"}>
            <label for="field-participant-role-text">{t("participant.roleText")}</label>
            <FieldError t={t} id="field-participant-role-text-error" error={errors.roleText} />
            <input
              id="field-participant-role-text"
              name="roleText"
              maxlength={60}
              autocomplete="off"
              value={values.roleText}
              aria-invalid={errors.roleText ? "true" : undefined}
              aria-describedby={errors.roleText ? "field-participant-role-text-error" : undefined}
            />
          </div>
          <button type="submit" class="button">
            {t("participant.add")}
          </button>
        </form>
      ) : props.open && !errors.form ? (
        <p class="hint">{t("participant.full")}</p>
      ) : null}
    </section>
  );
}
