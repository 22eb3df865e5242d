/**
 * @module
 * Client addresses for rate limits: which `X-Forwarded-For` entry to believe, and
 * the canonical network an address belongs to. Pure functions; the request side
 * lives in `request.ts`.
 */
import {
  convertIPv4BinaryToString,
  convertIPv4MappedIPv6ToIPv4,
  convertIPv4ToBinary,
  convertIPv6BinaryToString,
  convertIPv6ToBinary,
  isIPv4MappedIPv6,
} from "hono/utils/ipaddr";

/**
 * The entry of an `X-Forwarded-For` chain that `hops` trusted proxies vouch for:
 * each proxy appends the address it was connected from, so the client is `hops`
 * entries from the right. Entries further left are whatever the visitor sent.
 * A chain shorter than `hops` (a request that came past fewer proxies) yields its
 * leftmost entry.
 */
export function forwardedEntry(header: string | undefined, hops: number): string | undefined {
  if (!header || hops < 1) return undefined;
  const entries = header
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return entries[Math.max(0, entries.length - hops)];
}

/** `[::1]:443`, `203.0.113.9:5060`, `fe80::1%eth0` → the bare address. */
function bareAddress(raw: string): string {
  const text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  const address = bracketed?.[1] ?? text.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  return address.replace(/%.*$/, "");
}

/**
 * The network an address is limited as, in canonical form: an IPv4 address as
 * itself (also when written IPv4-mapped, `::ffff:a.b.c.d`), an IPv6 address as
 * its /64 (the smallest network one subscriber gets), so that rotating through a
 * subscriber's 2^64 addresses counts as one. Undefined when it is no address.
 */
export function addressNetwork(raw: string): string | undefined {
  const address = bareAddress(raw);
  try {
    if (!address.includes(":")) return convertIPv4BinaryToString(convertIPv4ToBinary(address));
    const binary = convertIPv6ToBinary(address);
    if (isIPv4MappedIPv6(binary)) {
      return convertIPv4BinaryToString(convertIPv4MappedIPv6ToIPv4(binary));
    }
    return `${convertIPv6BinaryToString((binary >> 64n) << 64n)}/64`;
  } catch {
    return undefined;
  }
}
