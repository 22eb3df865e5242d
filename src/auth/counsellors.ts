/**
 * @module
 * Counsellor accounts: creation (CLI, first-run setup, admin), listing,
 * deactivation and password changes. Callers validate input with the schemas
 * in `src/validation.ts` first.
 */
import { asc, count, eq } from "drizzle-orm";
import { counsellors } from "../../db/schema.ts";
import type { Database } from "../db/types.ts";
import { randomToken } from "../security/crypto.ts";
import type { PasswordHasher } from "./passwords.ts";

export type Role = "counsellor" | "admin";

export class EmailTakenError extends Error {
  override name = "EmailTakenError";
}

export async function countCounsellors(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(counsellors);
  return row?.n ?? 0;
}

export async function createCounsellor(
  db: Database,
  input: {
    email: string;
    name: string;
    password: string;
    role: Role;
    mustChangePassword?: boolean;
  },
  passwords: PasswordHasher,
): Promise<string> {
  const existing = await db
    .select({ id: counsellors.id })
    .from(counsellors)
    .where(eq(counsellors.email, input.email))
    .limit(1);
  if (existing.length > 0) throw new EmailTakenError(input.email);
  const id = crypto.randomUUID();
  // The same address sent twice at once (a double click, two set-up tabs) passes the check
  // above both times; the unique index decides, and the later one hears the address is taken.
  const inserted = await db
    .insert(counsellors)
    .values({
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await passwords.hash(input.password),
      mustChangePassword: input.mustChangePassword ?? false,
    })
    .onConflictDoNothing({ target: counsellors.email })
    .returning({ id: counsellors.id });
  if (inserted.length === 0) throw new EmailTakenError(input.email);
  return id;
}

/** The name clients see for the counsellor with this id (undefined once removed). */
export async function counsellorName(db: Database, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ name: counsellors.name })
    .from(counsellors)
    .where(eq(counsellors.id, id));
  return row?.name;
}

export function listCounsellors(db: Database) {
  return db.select().from(counsellors).orderBy(asc(counsellors.name));
}

export async function setPassword(
  db: Database,
  id: string,
  password: string,
  mustChangePassword: boolean,
  passwords: PasswordHasher,
): Promise<void> {
  await db
    .update(counsellors)
    .set({ passwordHash: await passwords.hash(password), mustChangePassword })
    .where(eq(counsellors.id, id));
}

/** A temporary password an admin reads out or hands over; it must be changed at the next sign-in. */
export function temporaryPassword(): string {
  return randomToken(12);
}
