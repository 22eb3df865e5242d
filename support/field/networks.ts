/** The client's networks the lab's scenarios and benchmarks set up, by name. */
import { type Lab, OFFICE_WAN } from "./lab.ts";

/** A plain home network: the client at home, a port-keeping NAT, no filter, no limit. */
export function plainNetwork(lab: Lab): void {
  lab.moveClient("home");
  lab.homeRandomPorts(false);
  lab.filter("home", []);
  lab.limitClientUplink(null);
}

/** Only a relay gets through: a new port for every destination, and no UDP to the office. */
export function relayOnlyNetwork(lab: Lab): void {
  plainNetwork(lab);
  lab.homeRandomPorts(true);
  lab.filter("home", [`ip daddr ${OFFICE_WAN} meta l4proto udp drop`]);
}

/** No UDP leaves the client's home at all (a strict firewall). */
export function udpBlockedNetwork(lab: Lab): void {
  plainNetwork(lab);
  lab.filter("home", ["meta l4proto udp drop"]);
}
