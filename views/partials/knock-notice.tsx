import type { Translate } from "../../src/i18n/index.ts";
import type { KnockRequest as Knock } from "../model.ts";

/**
 * Another device wants to join a running session: the name it typed and the
 * counsellor's two answers. Plain forms; on the call page the script sends them
 * without leaving the call, fills in a request that arrives over the socket, and
 * hides the notice once the request is settled (`from` says where a plain post
 * returns to).
 */
export function KnockNotice({
  t,
  appointmentId,
  knock,
  from,
}: {
  t: Translate;
  appointmentId: string;
  knock: Knock | null;
  from: "call" | "appointment";
}) {
  const base = `/appointments/${appointmentId}/knock`;
  const fields = (
    <>
      <input type="hidden" name="knock" value={knock?.id ?? ""} data-knock-id />
      <input type="hidden" name="from" value={from} />
    </>
  );
  return (
    <section
      id="knock"
      class="notice knock"
      role="alert"
      aria-labelledby="knock-title"
      hidden={knock === null}
      data-knock
    >
      <h2 id="knock-title">{t("knock.title")}</h2>
      <p>
        <strong data-knock-name data-template={t("knock.name", { name: "{name}" })}>
          {knock ? t("knock.name", { name: knock.name }) : ""}
        </strong>
      </p>
      <p class="hint">{t("knock.hint")}</p>
      <div class="actions">
        <form method="post" action={`${base}/admit`} class="inline" data-knock-form>
          {fields}
          <button type="submit" class="button primary">
            {t("knock.admit")}
          </button>
        </form>
        <form method="post" action={`${base}/refuse`} class="inline" data-knock-form>
          {fields}
          <button type="submit" class="button">
            {t("knock.refuse")}
          </button>
        </form>
      </div>
    </section>
  );
}
