/**
 * @module
 * German texts: the product's first language. Every user-facing string lives here
 * and in `en.ts`, under the same keys (the type in `index.ts` makes both complete).
 */
export const de = {
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
  "error.internalTitle": "Etwas ist schiefgelaufen",
  "error.internal":
    "Das hat leider nicht geklappt. Bitte versuchen Sie es noch einmal. Ihre Daten und Termine bleiben erhalten.",
  "error.backHome": "Zur Startseite",
} as const;
