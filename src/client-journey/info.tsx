/**
 * @module
 * `GET /info`: data protection (the privacy notice, built from the operator's
 * configuration), what you need, tips and terms; `GET /imprint`: the imprint.
 * Both without signing in.
 */
import { Hono } from "hono";
import type { OperatorDetails } from "../../views/model.ts";
import { renderPage } from "../../views/page.tsx";
import { ImprintPage } from "../../views/pages/imprint.tsx";
import { InfoPage } from "../../views/pages/info.tsx";
import type { Config } from "../config.ts";
import type { AppEnv } from "../deps.ts";

/** What the privacy notice and the imprint say about the operator. */
export function operatorDetails(config: Config): OperatorDetails {
  return {
    name: config.OPERATOR,
    address: config.OPERATOR_ADDRESS,
    contact: config.OPERATOR_CONTACT,
    representative: config.OPERATOR_REPRESENTATIVE,
    register: config.OPERATOR_REGISTER,
    dpo: config.DPO_CONTACT,
    authority: config.SUPERVISORY_AUTHORITY,
    hosting: config.HOSTING_PROVIDER,
    turn: config.TURN_URLS ? (config.TURN_PROVIDER ?? config.OPERATOR) : undefined,
  };
}

/** The information page and the imprint. */
export const infoRoutes = new Hono<AppEnv>()
  .get("/info", (c) => {
    const { config } = c.get("deps");
    return renderPage(
      c,
      <InfoPage
        t={c.get("t")}
        retentionDays={config.RETENTION_DAYS}
        historyDays={config.DATABASE_HISTORY_DAYS}
        operator={operatorDetails(config)}
      />,
      { title: c.get("t")("info.title") },
    );
  })
  .get("/imprint", (c) =>
    renderPage(c, <ImprintPage t={c.get("t")} operator={operatorDetails(c.get("deps").config)} />, {
      title: c.get("t")("imprint.title"),
    }),
  );
