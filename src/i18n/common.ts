/**
 * @module
 * Texts shared by every page (layout, start page, errors), German first.
 * Each area keeps both languages side by side; `index.ts` checks they match.
 */
export const common = {
  de: {
    "app.name": "Sprechzimmer",
    "app.tagline": "Videosprechstunde Ihrer Beratungsstelle",
    "nav.skip": "Zum Inhalt springen",
    "nav.home": "Startseite",
    "nav.join": "Zur Videosprechstunde",
    "nav.info": "Datenschutz und Technik",
    "nav.check": "Technik testen",
    "nav.language": "Sprache",
    "nav.switchTo": "English",
    "home.title": "Videosprechstunde",
    "home.lead":
      "Hier treffen Sie Ihre Beraterin oder Ihren Berater per Video, ohne Anfahrt und ohne Benutzerkonto.",
    "home.stepsTitle": "So funktioniert es",
    "home.step1":
      "Sie erhalten einen Termin, diese Internetadresse und einen Einwahlcode für Ihre Videosprechstunde.",
    "home.step2":
      "Öffnen Sie die Seite am Tag des Termins etwa 5 Minuten vorher und geben Sie Ihren Einwahlcode ein. Ein Benutzerkonto brauchen Sie nicht.",
    "home.step3":
      "Geben Sie Ihren Namen an. So kann Ihre Beraterin oder Ihr Berater Sie richtig zuordnen.",
    "home.step4":
      "Sie warten dann im virtuellen Wartezimmer. Sobald Ihre Beraterin oder Ihr Berater dazukommt, beginnt die Sprechstunde.",
    "home.step5": "Ist die Sprechstunde beendet, melden Sie sich von der Seite wieder ab.",
    "home.joinCta": "Mit Einwahlcode teilnehmen",
    "home.needTitle": "Was Sie brauchen",
    "home.need":
      "Ein Smartphone, Tablet oder Computer mit Kamera, Mikrofon und Lautsprecher, einen aktuellen Browser und eine Internetverbindung. Eine App brauchen Sie nicht.",
    "home.checkCta": "Kamera und Mikrofon vorher testen",
    "home.privacyTitle": "Vertraulich",
    "home.privacy":
      "Bild und Ton gehen direkt von Gerät zu Gerät und sind Ende-zu-Ende verschlüsselt. Niemand zeichnet auf. Alle Daten zu Ihrem Termin werden spätestens nach {days} Tagen gelöscht.",
    "home.infoCta": "Mehr zu Datenschutz und Technik",
    "footer.operator": "Betrieben von {operator}",
    "footer.noTracking": "Keine Werbung, keine Analyse, keine Aufzeichnung.",
    "error.notFoundTitle": "Seite nicht gefunden",
    "error.notFound":
      "Diese Seite gibt es nicht. Vielleicht hat sich ein Tippfehler in die Adresse geschlichen.",
    "error.unavailableTitle": "Gerade nicht erreichbar",
    "error.unavailable":
      "Der Dienst ist im Moment nicht erreichbar. Bitte versuchen Sie es in einer Minute noch einmal. Ihre Daten und Termine bleiben erhalten.",
    "error.busyTitle": "Einen Moment bitte",
    "error.busy":
      "Gerade melden sich viele gleichzeitig an. Bitte versuchen Sie es in einem Moment noch einmal. Es wurde nichts geändert.",
    "error.internalTitle": "Etwas ist schiefgelaufen",
    "error.internal":
      "Das hat leider nicht geklappt. Bitte versuchen Sie es noch einmal. Ihre Daten und Termine bleiben erhalten.",
    "error.backHome": "Zur Startseite",
    "error.tooLargeTitle": "Zu viele Daten",
    "error.tooLarge":
      "Diese Anfrage enthielt zu viele Daten und wurde nicht angenommen. Bitte kürzen Sie Ihre Eingaben.",
    "error.badRequestTitle": "Formular nicht lesbar",
    "error.badRequest":
      "Die gesendeten Formulardaten waren unvollständig oder beschädigt. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
    "error.forbiddenTitle": "Nicht erlaubt",
    "error.forbidden":
      "Diese Anfrage kam nicht von dieser Seite und wurde deshalb nicht ausgeführt. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
  },
  en: {
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
    "error.busyTitle": "One moment, please",
    "error.busy":
      "Many people are signing in at the same time. Please try again in a moment. Nothing was changed.",
    "error.internalTitle": "Something went wrong",
    "error.internal": "That did not work. Please try again. Your data and appointments are safe.",
    "error.backHome": "Back to the home page",
    "error.tooLargeTitle": "Too much data",
    "error.tooLarge":
      "This request contained too much data and was not accepted. Please shorten what you entered.",
    "error.badRequestTitle": "Form could not be read",
    "error.badRequest":
      "The form data sent was incomplete or damaged. Please reload the page and try again.",
    "error.forbiddenTitle": "Not allowed",
    "error.forbidden":
      "This request did not come from this site, so it was not carried out. Please reload the page and try again.",
  },
} as const;
