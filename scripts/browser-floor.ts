/**
 * The browser floor (see docs/using.md, "Languages and browsers"): the oldest browsers
 * the browser scripts are compiled for and checked against. Edge and Samsung
 * Internet follow Chromium; Android Chrome and Samsung Internet of the last five
 * years are newer than Chrome 79.
 */
export const BROWSER_TARGETS = ["es2017", "chrome79", "edge79", "safari14", "firefox78"];
