/**
 * @module
 * Texts about further participants (interpreters, companions, partners,
 * colleagues in training): the counsellor's list and form, their states, the
 * role in the invitation, and what a participant's waiting room says. German
 * first, English second, same keys.
 */
export const participantTexts = {
  de: {
    "participant.title": "Weitere Teilnehmende",
    "participant.intro":
      "Bis zu zwei weitere Personen können dazukommen, etwa eine Dolmetscherin oder eine Begleitperson. Jede erhält einen eigenen Einwahlcode und wird einzeln aus dem Wartezimmer hereingelassen.",
    "participant.none": "Noch keine weiteren Teilnehmenden.",
    "participant.name": "Name (wie Sie die Person kennen)",
    "participant.roleLabel": "Rolle",
    "participant.roleText": "Andere Rolle (wenn oben „Andere Rolle“ gewählt ist)",
    "participant.role.interpreter": "Dolmetscher/in",
    "participant.role.signInterpreter": "Gebärdensprachdolmetscher/in",
    "participant.role.companion": "Begleitperson",
    "participant.role.partner": "Partner/in",
    "participant.role.trainee": "Kollegin/Kollege in Ausbildung",
    "participant.role.other": "Andere Rolle",
    "participant.roleCounsellor": "Beratung",
    "participant.roleClient": "Klient/in",
    "participant.error.role":
      "Bitte wählen Sie eine Rolle oder geben Sie eine ein (bis 60 Zeichen).",
    "participant.add": "Person hinzufügen",
    "participant.added": "Die Person wurde hinzugefügt. Ihre Einladung steht bei ihr bereit.",
    "participant.full":
      "Es können höchstens zwei weitere Personen teilnehmen. Entfernen Sie zuerst eine, um eine andere hinzuzufügen.",
    "participant.removed": "Die Person wurde entfernt. Ihr Einwahlcode gilt nicht mehr.",
    "participant.remove": "Entfernen",
    "participant.admit": "Hereinlassen",
    "participant.sendBack": "Zurück ins Wartezimmer",
    "participant.status.scheduled": "geplant",
    "participant.status.waiting": "wartet seit {time} Uhr",
    "participant.status.inSession": "in der Sitzung",
    "participant.status.left": "gegangen",
    "participant.invitation": "Einladung für {name}",
    "invite.role.interpreter":
      "Sie sind als Dolmetscher/in eingeladen und übersetzen das Gespräch.",
    "invite.role.signInterpreter":
      "Sie sind als Gebärdensprachdolmetscher/in eingeladen und übersetzen das Gespräch in Gebärdensprache.",
    "invite.role.companion": "Sie sind als Begleitperson eingeladen.",
    "invite.role.partner": "Sie sind als Partner/in zur gemeinsamen Beratung eingeladen.",
    "invite.role.trainee": "Sie sind als Kollegin/Kollege in Ausbildung eingeladen.",
    "invite.role.other": "Sie sind eingeladen als: {role}.",
    "invite.ownCode":
      "Der Einwahlcode unten gilt nur für Sie; geben Sie ihn bitte nicht weiter. Sie warten zunächst im Wartezimmer und die Beraterin oder der Berater lässt Sie einzeln herein, vor oder während der Sitzung.",
    "lobby.sentBack":
      "Sie sind wieder im Wartezimmer. Die Beraterin oder der Berater holt Sie gleich wieder herein; bitte lassen Sie diese Seite geöffnet.",
  },
  en: {
    "participant.title": "Further participants",
    "participant.intro":
      "Up to two more people can join, such as an interpreter or a companion. Each gets their own dial-in code and is let in from the waiting room separately.",
    "participant.none": "No further participants yet.",
    "participant.name": "Name (as you know the person)",
    "participant.roleLabel": "Role",
    "participant.roleText": "Other role (when “Other role” is chosen above)",
    "participant.role.interpreter": "Interpreter",
    "participant.role.signInterpreter": "Sign language interpreter",
    "participant.role.companion": "Companion",
    "participant.role.partner": "Partner",
    "participant.role.trainee": "Colleague in training",
    "participant.role.other": "Other role",
    "participant.roleCounsellor": "Counsellor",
    "participant.roleClient": "Client",
    "participant.error.role": "Please choose a role or type one (up to 60 characters).",
    "participant.add": "Add person",
    "participant.added": "The person has been added. Their invitation is ready beside them.",
    "participant.full":
      "At most two further people can take part. Remove one first to add someone else.",
    "participant.removed": "The person has been removed. Their dial-in code no longer works.",
    "participant.remove": "Remove",
    "participant.admit": "Let in",
    "participant.sendBack": "Back to the waiting room",
    "participant.status.scheduled": "scheduled",
    "participant.status.waiting": "waiting since {time}",
    "participant.status.inSession": "in session",
    "participant.status.left": "left",
    "participant.invitation": "Invitation for {name}",
    "invite.role.interpreter": "You are invited as the interpreter and interpret the conversation.",
    "invite.role.signInterpreter":
      "You are invited as the sign language interpreter and interpret the conversation in sign language.",
    "invite.role.companion": "You are invited as a companion.",
    "invite.role.partner": "You are invited as a partner, for counselling together.",
    "invite.role.trainee": "You are invited as a colleague in training.",
    "invite.role.other": "You are invited as: {role}.",
    "invite.ownCode":
      "The dial-in code below is yours alone; please do not pass it on. You first wait in the waiting room, and the counsellor lets each person in separately, before or during the session.",
    "lobby.sentBack":
      "You are back in the waiting room. The counsellor will let you in again shortly; please keep this page open.",
  },
} as const;
