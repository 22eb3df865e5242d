/**
 * @module
 * Texts of the invitation and reminders sent by e-mail, and of the form that
 * sends them. The mails are neutral on purpose: a client's mail may be read by
 * others, so they name neither counselling nor its subject, nor the counsellor,
 * only a time, an address and a code.
 */
export const mail = {
  de: {
    "mail.title": "Einladung per E-Mail senden",
    "mail.notConfigured":
      "E-Mail ist auf diesem Server nicht eingerichtet. Bitte kopieren Sie die Einladung oder senden Sie sie aus Ihrem eigenen Mailprogramm.",
    "mail.hint":
      "Die E-Mail ist neutral gehalten: Sie nennt nur Datum, Uhrzeit, Adresse und Einwahlcode, kein Wort zu Beratung oder Anlass. Die Adresse wird nur bis zur letzten Erinnerung gespeichert.",
    "mail.to": "E-Mail-Adresse der ratsuchenden Person",
    "mail.reminders": "Erinnerung",
    "mail.reminders.both": "24 Stunden und 1 Stunde vorher",
    "mail.reminders.hour": "nur 1 Stunde vorher",
    "mail.reminders.none": "keine Erinnerung",
    "mail.language": "Sprache der E-Mail",
    "mail.send": "Einladung senden",
    "mail.sent": "Die Einladung wurde per E-Mail gesendet.",
    "mail.sentTo": "Einladung an {address} gesendet.",
    "mail.pending": "Erinnerung per E-Mail an {address}: {when}.",
    "mail.pending.both": "24 Stunden und 1 Stunde vorher",
    "mail.pending.day": "24 Stunden vorher",
    "mail.pending.hour": "1 Stunde vorher",
    "mail.stop": "Erinnerungen abbestellen",
    "mail.stopped": "Es werden keine Erinnerungen gesendet; die Adresse ist gelöscht.",
    "mail.unreachable":
      "Die E-Mail wurde nicht gesendet: Der Mailserver ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal oder geben Sie die Einladung auf anderem Weg weiter.",
    "mail.refused":
      "Die E-Mail wurde nicht gesendet: Der Mailserver hat sie abgelehnt. Bitte prüfen Sie die Adresse; stimmt sie, wenden Sie sich an die Administration.",
    "mail.reminders.invalid": "Bitte wählen Sie eine Erinnerung.",
    "mail.subject": "Ihr Termin am {date} um {time} Uhr",
    "mail.reminderSubject": "Erinnerung: Ihr Termin am {date} um {time} Uhr",
    "mail.greeting": "Guten Tag,",
    "mail.when": "Ihr Termin ist am {date} um {time} Uhr ({minutes} Minuten).",
    "mail.reminderWhen":
      "wir erinnern Sie an Ihren Termin am {date} um {time} Uhr ({minutes} Minuten).",
    "mail.how": "So nehmen Sie teil:",
    "mail.step1": "Öffnen Sie etwa 5 Minuten vorher diese Adresse:",
    "mail.step2": "Geben Sie, falls gefragt, Ihren Einwahlcode ein: {code}",
    "mail.step3": "Geben Sie Ihren Namen ein und warten Sie, bis der Termin beginnt.",
    "mail.place": "Sie brauchen kein Benutzerkonto und keine App.",
    "mail.check": "Kamera und Mikrofon vorher testen: {url}",
    "mail.automatic": "Diese Nachricht wurde automatisch versandt.",
  },
  en: {
    "mail.title": "Send the invitation by e-mail",
    "mail.notConfigured":
      "E-mail is not configured on this server. Please copy the invitation or send it from your own mail program.",
    "mail.hint":
      "The e-mail is neutral: it gives only the date, time, address and dial-in code, no word on counselling or its reason. The address is kept only until the last reminder.",
    "mail.to": "The client's e-mail address",
    "mail.reminders": "Reminder",
    "mail.reminders.both": "24 hours and 1 hour before",
    "mail.reminders.hour": "only 1 hour before",
    "mail.reminders.none": "no reminder",
    "mail.language": "Language of the e-mail",
    "mail.send": "Send invitation",
    "mail.sent": "The invitation was sent by e-mail.",
    "mail.sentTo": "Invitation sent to {address}.",
    "mail.pending": "Reminder by e-mail to {address}: {when}.",
    "mail.pending.both": "24 hours and 1 hour before",
    "mail.pending.day": "24 hours before",
    "mail.pending.hour": "1 hour before",
    "mail.stop": "Stop the reminders",
    "mail.stopped": "No reminders will be sent; the address has been deleted.",
    "mail.unreachable":
      "The e-mail was not sent: the mail server cannot be reached right now. Please try again later or pass the invitation on another way.",
    "mail.refused":
      "The e-mail was not sent: the mail server refused it. Please check the address; if it is right, contact your administrator.",
    "mail.reminders.invalid": "Please choose a reminder.",
    "mail.subject": "Your appointment on {date} at {time}",
    "mail.reminderSubject": "Reminder: your appointment on {date} at {time}",
    "mail.greeting": "Hello,",
    "mail.when": "Your appointment is on {date} at {time} ({minutes} minutes).",
    "mail.reminderWhen":
      "This is a reminder of your appointment on {date} at {time} ({minutes} minutes).",
    "mail.how": "How to take part:",
    "mail.step1": "About 5 minutes before, open this address:",
    "mail.step2": "If asked, enter your dial-in code: {code}",
    "mail.step3": "Enter your name and wait until the appointment begins.",
    "mail.place": "You do not need an account or an app.",
    "mail.check": "Test your camera and microphone beforehand: {url}",
    "mail.automatic": "This message was sent automatically.",
  },
} as const;
