/**
 * Client addresses for the rate limits: which forwarded entry the trusted
 * proxies vouch for, and the network each way of writing an address counts as
 * (IPv4 as itself, IPv6 by its /64, ports, brackets and zones dropped).
 */
import { describe, expect, it } from "vitest";
import { addressNetwork, forwardedEntry } from "../../src/security/address.ts";

describe("the forwarded entry the proxies vouch for", () => {
  it("counts trusted hops from the right, skipping blanks, and never past the left end", () => {
    const chain = "198.51.100.7, 203.0.113.1 ,, 192.0.2.2 ";
    expect(forwardedEntry(chain, 1)).toBe("192.0.2.2");
    expect(forwardedEntry(chain, 2)).toBe("203.0.113.1");
    expect(forwardedEntry(chain, 3)).toBe("198.51.100.7");
    expect(forwardedEntry(chain, 9)).toBe("198.51.100.7");
  });

  it("believes nothing without a header or without a trusted proxy", () => {
    expect(forwardedEntry(undefined, 1)).toBeUndefined();
    expect(forwardedEntry("", 1)).toBeUndefined();
    expect(forwardedEntry("192.0.2.2", 0)).toBeUndefined();
  });
});

describe("the network an address counts as", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["203.0.113.9:5060", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["[::ffff:203.0.113.9]:443", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]:443", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80::/64"],
    ["[fe80::1%eth0]:80", "fe80::/64"],
    ["::1", "::/64"],
  ])("%s → %s", (raw, network) => {
    expect(addressNetwork(raw)).toBe(network);
  });

  it.each([
    "",
    "not an address",
    "203.0.113.9:port",
    "[2001:db8::1]:port",
    "2001:db8::1::2",
    "example.org",
  ])("%s is no address", (raw) => {
    expect(addressNetwork(raw)).toBeUndefined();
  });
});
