/**
 * `npm run counsellor -- add --email E --name N [--admin]`: creates a counsellor
 * in the configured database (the embedded file, or DATABASE_URL for a remote
 * libSQL server). The password comes from COUNSELLOR_PASSWORD or is asked for
 * without echo.
 */
import { mkdirSync } from "node:fs";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { createCounsellor, EmailTakenError } from "../src/auth/counsellors.ts";
import { inRequestHasher } from "../src/auth/passwords.ts";
import { ConfigError, parseConfig } from "../src/config.ts";
import { migrateLibsql, openLibsql } from "../src/db/libsql.ts";
import { translate } from "../src/i18n/index.ts";
import { defaultDatabaseUrl } from "../src/runtime/embedded.ts";
import { email, newPassword, personName } from "../src/validation.ts";

const USAGE = "Usage: npm run counsellor -- add --email E --name N [--admin]";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { email: { type: "string" }, name: { type: "string" }, admin: { type: "boolean" } },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();

if (positionals[0] !== "add") fail(USAGE);
const parsedEmail = email.safeParse(values.email ?? "");
if (!parsedEmail.success) fail(`--email: ${translate("en", "form.email.invalid")}\n${USAGE}`);
const parsedName = personName.safeParse(values.name ?? "");
if (!parsedName.success) {
  fail(
    `--name: ${translate("en", parsedName.error.issues[0]?.message as "form.name.required")}\n${USAGE}`,
  );
}

let password = process.env.COUNSELLOR_PASSWORD ?? "";
if (!password) {
  if (!process.stdin.isTTY)
    fail("Set COUNSELLOR_PASSWORD or run this in a terminal to be asked for the password.");
  password = await askHidden("Password (at least 10 characters): ");
  const repeat = await askHidden("Repeat the password: ");
  if (password !== repeat) fail("The passwords do not match; nothing was created.");
}
const parsedPassword = newPassword.safeParse(password);
if (!parsedPassword.success) {
  fail(translate("en", parsedPassword.error.issues[0]?.message as "form.password.tooShort"));
}

try {
  const config = parseConfig(process.env);
  const url = config.DATABASE_URL ?? defaultDatabaseUrl(config);
  if (url === defaultDatabaseUrl(config)) mkdirSync(config.DATA_DIR, { recursive: true });
  const { client, db } = await openLibsql(url, config.DATABASE_AUTH_TOKEN);
  await migrateLibsql(db);
  const role = values.admin ? "admin" : "counsellor";
  await createCounsellor(
    db,
    {
      email: parsedEmail.data,
      name: parsedName.data,
      password: parsedPassword.data,
      role,
    },
    inRequestHasher,
  );
  client.close();
  console.log(
    `Created ${role} ${parsedName.data} <${parsedEmail.data}>. They can sign in at /login.`,
  );
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  if (error instanceof EmailTakenError)
    fail(`There is already an account for ${parsedEmail.data}; nothing was created.`);
  throw error;
}
