/**
 * Test helper: a libSQL client that can be switched off and on, for a database
 * that is briefly unavailable (a remote server restarting, a full disk). While
 * off, every call fails the way the driver fails; the client itself stays open.
 */
import { type Client, LibsqlError } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../../db/schema.ts";
import type { Database } from "../../src/db/types.ts";

export interface FlakyDatabase {
  db: Database;
  down(): void;
  up(): void;
}

export function flaky(client: Client): FlakyDatabase {
  let available = true;
  const proxy = new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (!available) {
          return Promise.reject(new LibsqlError("database unavailable", "SERVER_ERROR"));
        }
        return value.apply(target, args);
      };
    },
  });
  return {
    db: drizzle(proxy, { schema }),
    down: () => {
      available = false;
    },
    up: () => {
      available = true;
    },
  };
}
