import type { Messages } from "./index.ts";

/** English texts: the second language, same keys as German. */
export const en: Messages = {
  "app.name": "Sprechzimmer",
  "app.tagline": "Video consultations with your counselling office",
  "nav.skip": "Skip to content",
  "nav.home": "Home",
  "nav.join": "Join your video consultation",
  "nav.info": "Data protection and technology",
  "nav.check": "Test your device",
  "nav.language": "Language",
  "nav.switchTo": "Deutsch",
  "home.title": "Video consultation",
  "home.lead":
    "Meet your counsellor by video here, without travelling and without creating an account.",
  "home.stepsTitle": "How it works",
  "home.step1": "You receive an appointment, this web address and a dial-in code.",
  "home.step2":
    "On the day, open this page about 5 minutes before the appointment and enter your dial-in code. You do not need an account.",
  "home.step3": "Enter your name, so that your counsellor knows it is you.",
  "home.step4":
    "You then wait in the virtual waiting room. As soon as your counsellor joins, the consultation begins.",
  "home.step5": "When the consultation is over, leave the page by signing off.",
  "home.joinCta": "Join with your dial-in code",
  "home.needTitle": "What you need",
  "home.need":
    "A smartphone, tablet or computer with a camera, microphone and speaker, an up-to-date browser and an internet connection. No app is needed.",
  "home.checkCta": "Test your camera and microphone first",
  "home.privacyTitle": "Confidential",
  "home.privacy":
    "Picture and sound go directly from device to device and are end-to-end encrypted. Nothing is recorded. All data about your appointment is deleted after {days} days at the latest.",
  "home.infoCta": "More about data protection and technology",
  "footer.operator": "Operated by {operator}",
  "footer.noTracking": "No advertising, no analytics, no recording.",
  "error.notFoundTitle": "Page not found",
  "error.notFound": "This page does not exist. Perhaps there is a typo in the address.",
  "error.unavailableTitle": "Temporarily unavailable",
  "error.unavailable":
    "The service cannot be reached right now. Please try again in a minute. Your data and appointments are safe.",
  "error.internalTitle": "Something went wrong",
  "error.internal": "That did not work. Please try again. Your data and appointments are safe.",
  "error.backHome": "Back to the home page",
};
