/**
 * The camera and microphone a person chose (on the device check or in the
 * call), remembered in this browser for this site only, so the call opens the
 * same ones. Quick exit's `Clear-Site-Data` removes it with everything else.
 */
const KEY = "sz-devices";

export interface DeviceChoice {
  videoinput?: string;
  audioinput?: string;
}

export function chosenDevices(): DeviceChoice {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "{}") as DeviceChoice;
    return typeof stored === "object" && stored ? stored : {};
  } catch {
    return {};
  }
}

export function rememberDevice(kind: "videoinput" | "audioinput", deviceId: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...chosenDevices(), [kind]: deviceId }));
  } catch {
    // Storage may be off (private mode): the choice then holds for this page only.
  }
}

/**
 * The remembered device, asked for exactly (browsers may pass over an `ideal`
 * one); callers try again without it when it is gone.
 */
export function preferred(kind: "videoinput" | "audioinput"): { deviceId?: { exact: string } } {
  const id = chosenDevices()[kind];
  return id ? { deviceId: { exact: id } } : {};
}

/** Whether any device was chosen before. */
export function hasChoice(): boolean {
  const choice = chosenDevices();
  return Boolean(choice.videoinput || choice.audioinput);
}

export type DeviceKind = "videoinput" | "audioinput" | "audiooutput";

/**
 * Fills a device list with the devices of one kind (numbered where the browser
 * gives no names), the one in use selected; its field is hidden when there is none.
 */
export function fillSelect(
  select: HTMLSelectElement,
  devices: MediaDeviceInfo[],
  kind: DeviceKind,
  current?: string,
) {
  const options = devices
    .filter((device) => device.kind === kind && device.deviceId !== "")
    .map((device, index) => {
      const option = new Option(device.label || `${index + 1}`, device.deviceId);
      option.selected = device.deviceId === current;
      return option;
    });
  select.replaceChildren(...options);
  const field = select.closest<HTMLElement>(".field");
  if (field) field.hidden = options.length === 0;
}
