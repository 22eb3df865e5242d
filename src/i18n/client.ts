/**
 * @module
 * Texts of the client pages, German first, English second, same keys.
 */
export const client = {
  de: {
    "info.title": "Datenschutz, Technik und Tipps",
    "info.lead":
      "Alles, was Sie vor Ihrer ersten Videosprechstunde wissen sollten. Sie können diese Seite ohne Anmeldung lesen.",
    "info.stepsTitle": "So läuft die Videosprechstunde ab",
    "info.needTitle": "Was Sie brauchen",
    "info.need1": "Ein Smartphone, Tablet oder Computer mit einem aktuellen Browser",
    "info.need2": "Eine Kamera, ein Mikrofon und einen Lautsprecher (oder Kopfhörer)",
    "info.need3": "Eine Internetverbindung",
    "info.need4": "Keine App und kein Benutzerkonto",
    "info.tipsTitle": "Tipps für ein gutes Gespräch",
    "info.tip1":
      "Sorgen Sie für gutes Licht von vorn, nicht von hinten (zum Beispiel kein Fenster hinter Ihnen).",
    "info.tip2": "Suchen Sie sich einen ruhigen Raum, in dem Sie ungestört sprechen können.",
    "info.tip3": "Mit Kopfhörern verstehen Sie besser und es gibt kein Echo.",
    "info.tip4": "Schließen Sie andere Programme und Apps, die Kamera oder Internet nutzen.",
    "info.privacyTitle": "Datenschutz",
    "info.p2p":
      "Bild und Ton gehen direkt von Ihrem Gerät zum Gerät Ihrer Beraterin oder Ihres Beraters (Peer-to-Peer), ohne zentralen Server dazwischen.",
    "info.e2e":
      "Die Verbindung ist Ende-zu-Ende verschlüsselt. Der Betreiber kann das Gespräch weder sehen noch hören noch speichern.",
    "info.storedTitle": "Was gespeichert wird",
    "info.stored1": "Datum und Uhrzeit Ihres Termins",
    "info.stored2": "Der Name, den Sie beim Einwählen eingeben",
    "info.stored3": "Wann Sie sich eingewählt haben und wann das Gespräch begonnen hat",
    "info.stored4": "Das Ergebnis des Technik-Tests, falls Sie ihn machen",
    "info.deleted":
      "Diese Angaben werden {days} Tage nach dem Termin gelöscht und nur für die Durchführung der Videosprechstunde genutzt.",
    "info.history":
      "Die Sicherung der Datenbank kann Gelöschtes noch {days} Tage wiederherstellen; nach spätestens {total} Tagen ist alles endgültig fort.",
    "info.noRecording": "Nichts wird aufgezeichnet, weder Bild noch Ton.",
    "info.noTracking": "Es gibt keine Werbung und keine Analyse- oder Tracking-Dienste.",
    "info.confidential":
      "Ihrer Beraterin oder Ihrem Berater und dem Betreiber ist es gesetzlich verboten, Ihre Daten Unbefugten zugänglich zu machen.",
    "info.termsTitle": "Nutzungsbedingungen",
    "info.terms":
      "Die Videosprechstunde ist für Sie kostenlos. Bitte nehmen Sie das Gespräch nicht auf und lassen Sie niemanden unbemerkt mithören. Sie können das Gespräch jederzeit beenden.",
    "info.checkCta": "Kamera und Mikrofon jetzt testen",
    "info.joinCta": "Zur Einwahl",
    "join.title": "Zur Videosprechstunde einwählen",
    "join.lead":
      "Geben Sie Ihren Einwahlcode und Ihren Namen ein. Ein Benutzerkonto brauchen Sie nicht.",
    "join.code": "Einwahlcode",
    "join.codeHint": "12 Ziffern, Leerzeichen und Bindestriche sind egal.",
    "join.name": "Ihr Name",
    "join.nameHint": "So kann Ihre Beraterin oder Ihr Berater Sie richtig zuordnen.",
    "join.consent":
      "Ich habe die Hinweise zu Datenschutz und Nutzung gelesen und bin einverstanden.",
    "join.consentLink": "Hinweise lesen (öffnet ein neues Fenster)",
    "join.submit": "Ins Wartezimmer",
    "join.errorsTitle": "Bitte prüfen Sie Ihre Angaben",
    "join.error.code":
      "Zu diesem Einwahlcode haben wir keinen Termin gefunden. Bitte prüfen Sie den Code in Ihrer Einladung.",
    "join.error.nameEmpty": "Bitte geben Sie Ihren Namen ein.",
    "join.error.nameLong": "Der Name darf höchstens 80 Zeichen lang sein.",
    "join.error.nameChars":
      "Der Name enthält unerlaubte Steuerzeichen. Bitte tippen Sie ihn neu ein.",
    "join.error.consent": "Bitte bestätigen Sie, dass Sie die Hinweise gelesen haben.",
    "join.error.tooEarly":
      "Das Wartezimmer öffnet um {time} Uhr. Lassen Sie diese Seite einfach offen: sie lädt sich bis dahin von selbst neu. Dann geben Sie Ihren Namen ein.",
    "join.error.tooEarlyDay":
      "Das Wartezimmer öffnet am {date} um {time} Uhr. Lassen Sie diese Seite einfach offen: sie lädt sich bis dahin von selbst neu. Dann geben Sie Ihren Namen ein.",
    "join.error.cancelled":
      "Dieser Termin wurde abgesagt. Bitte wenden Sie sich an Ihre Beratungsstelle.",
    "join.error.past":
      "Dieser Termin ist schon vorbei. Bitte wenden Sie sich an Ihre Beratungsstelle, wenn Sie einen neuen Termin brauchen.",
    "limit.title": "Zu viele Versuche",
    "limit.text":
      "Von hier gab es zu viele Einwahlversuche. Bitte warten Sie {minutes} Minuten und versuchen Sie es dann noch einmal.",
    "session.title": "Bitte wählen Sie sich ein",
    "session.text":
      "Sie sind gerade nicht eingewählt, zum Beispiel weil Sie sich abgemeldet haben, die Sprechstunde beendet ist oder Sie sich auf einem anderen Gerät eingewählt haben. Wählen Sie sich bitte mit Ihrem Einwahlcode ein.",
    "session.cta": "Mit Einwahlcode einwählen",
    "lobby.title": "Wartezimmer",
    "lobby.heading": "Sie sind im Wartezimmer",
    "lobby.appointment": "Ihr Termin: {date} um {time} Uhr",
    "lobby.counsellor": "Bei: {name}",
    "lobby.waiting":
      "Bitte bleiben Sie auf dieser Seite. Sobald Ihre Beraterin oder Ihr Berater dazukommt, beginnt die Sprechstunde von selbst.",
    "lobby.late": "Ihre Beraterin / Ihr Berater verspätet sich etwas. Bitte warten Sie noch.",
    "lobby.knocking":
      "Ihre Sprechstunde läuft bereits auf einem anderen Gerät. Ihre Beraterin oder Ihr Berater sieht Ihre Anfrage und entscheidet, ob dieses Gerät stattdessen teilnimmt. Bitte bleiben Sie auf dieser Seite.",
    "lobby.refused":
      "Ihre Beraterin oder Ihr Berater hat dieses Gerät nicht eingelassen. Die Sprechstunde läuft auf dem anderen Gerät weiter. Sie können sich jetzt abmelden.",
    "lobby.turnedAway":
      "Diese Einwahl wurde von der Beratungsstelle beendet. Sie können sich jetzt abmelden. Wenn Sie Fragen haben, wenden Sie sich bitte direkt an die Beratungsstelle.",
    "lobby.message": "Nachricht an Sie:",
    "lobby.ended": "Diese Sprechstunde ist beendet. Sie können sich jetzt abmelden.",
    "lobby.cancelled":
      "Dieser Termin wurde abgesagt. Bitte wenden Sie sich an Ihre Beratungsstelle.",
    "lobby.deletion": "Die Daten zu diesem Termin werden am {date} gelöscht.",
    "lobby.tipsTitle": "Während Sie warten",
    "lobby.checkCta": "Kamera und Mikrofon testen",
    "lobby.leave": "Abmelden",
    "lobby.yourReply": "Ihre Antwort:",
    "lobby.replyLabel": "Kurze Nachricht an Ihre Beraterin oder Ihren Berater",
    "lobby.replyHint": "Zum Beispiel: Meine Kamera geht nicht. Höchstens 200 Zeichen.",
    "lobby.replySend": "Nachricht senden",
    "form.message.required": "Bitte schreiben Sie eine Nachricht.",
    "form.message.tooLong": "Die Nachricht darf höchstens 200 Zeichen lang sein.",
    "form.message.invalid":
      "Die Nachricht enthält unerlaubte Steuerzeichen. Bitte tippen Sie sie neu ein.",
    "signedOff.title": "Sie haben sich abgemeldet",
    "signedOff.text":
      "Sie haben sich abgemeldet. Es wurde nichts gespeichert, was Sie wiedererkennbar macht. Sie können dieses Fenster jetzt schließen.",
    "signedOff.home": "Zur Startseite",
    "exit.button": "Schnell verlassen",
    "exit.hint": "Verlässt die Seite sofort. Mit der Tastatur: zweimal Escape drücken.",
    "left.heading": "Sie haben das Gespräch verlassen",
    "left.text":
      "Die Sprechstunde läuft noch. Sie können zurück ins Gespräch gehen oder sich abmelden.",
    "left.rejoin": "Zurück ins Gespräch",
    "left.endedHeading": "Die Sprechstunde ist beendet",
    "check.title": "Technik testen",
    "check.devicesTitle": "Welche Kamera und welches Mikrofon",
    "check.deviceCamera": "Kamera",
    "check.deviceMicrophone": "Mikrofon",
    "check.devicesHint": "Ihre Wahl gilt auch für die Videosprechstunde auf diesem Gerät.",
    "check.waitingTitle": "Ihr Wartezimmer",
    "check.waitingHere":
      "Sie bleiben im Wartezimmer, während Sie testen. Sobald Ihre Beraterin oder Ihr Berater die Sitzung beginnt, geht es von hier aus direkt weiter.",
    "check.backToLobby": "Zurück ins Wartezimmer",
    "check.lead":
      "Prüfen Sie hier vor dem Termin Kamera, Mikrofon, Lautsprecher und Verbindung. Nichts davon wird aufgezeichnet.",
    "check.autoTitle": "Automatischer Test",
    "check.start": "Test starten",
    "check.camera": "Kamera",
    "check.cameraPreview": "Ihr Kamerabild",
    "check.microphone": "Mikrofon",
    "check.micLevel": "Lautstärke Ihres Mikrofons",
    "check.micHint": "Sprechen Sie etwas: der Balken sollte sich bewegen.",
    "check.speaker": "Lautsprecher",
    "check.speakerButton": "Testton abspielen",
    "check.speakerHint": "Sie sollten einen kurzen Ton hören. Stellen Sie sonst das Gerät lauter.",
    "check.webrtc": "Videotechnik des Browsers",
    "check.connection": "Verbindung",
    "check.pending": "Noch nicht geprüft.",
    "check.running": "Wird geprüft …",
    "check.cameraOk": "Die Kamera funktioniert.",
    "check.mediaDenied":
      "Kamera oder Mikrofon sind nicht erlaubt. Erlauben Sie den Zugriff (siehe Hilfe unten) und starten Sie den Test neu.",
    "check.mediaMissing":
      "Es wurde keine Kamera oder kein Mikrofon gefunden. Schließen Sie ein Gerät an oder nutzen Sie ein anderes Gerät.",
    "check.mediaBusy":
      "Kamera oder Mikrofon werden gerade von einem anderen Programm benutzt. Schließen Sie andere Programme und starten Sie den Test neu.",
    "check.micOk": "Das Mikrofon ist an.",
    "check.webrtcOk": "Ihr Browser unterstützt Videosprechstunden.",
    "check.webrtcMissing":
      "Ihr Browser unterstützt keine Videosprechstunden. Bitte nutzen Sie einen aktuellen Chrome, Firefox, Edge oder Safari.",
    "check.direct": "Eine direkte Verbindung ist möglich. Alles bereit.",
    "check.relay":
      "Eine direkte Verbindung ist nicht möglich, das Gespräch läuft über einen Vermittlungsserver. Das geht, kann aber etwas langsamer sein.",
    "check.blocked":
      "Es konnte keine Verbindung aufgebaut werden. Versuchen Sie ein anderes Netz (zum Beispiel mobile Daten statt Firmen-WLAN).",
    "check.untested":
      "Ihr Browser kann Verbindungen aufbauen. Welche Wege durch Ihr Netz führen, ließ sich hier nicht prüfen.",
    "check.path.direct.yes": "Direkte Verbindung: möglich",
    "check.path.direct.no": "Direkte Verbindung: nicht möglich",
    "check.path.direct.unknown": "Direkte Verbindung: nicht geprüft",
    "check.path.udpRelay.yes": "Über Vermittlungsserver (UDP): funktioniert",
    "check.path.udpRelay.no": "Über Vermittlungsserver (UDP): funktioniert nicht",
    "check.path.udpRelay.unknown": "Über Vermittlungsserver (UDP): nicht geprüft",
    "check.path.tcpRelay.yes": "Über Vermittlungsserver (TCP, für strenge Firewalls): funktioniert",
    "check.path.tcpRelay.no":
      "Über Vermittlungsserver (TCP, für strenge Firewalls): funktioniert nicht",
    "check.path.tcpRelay.unknown":
      "Über Vermittlungsserver (TCP, für strenge Firewalls): nicht geprüft",
    "check.passed": "Ergebnis: Alles bereit für die Videosprechstunde.",
    "check.relayResult": "Ergebnis: Es sollte funktionieren, eventuell etwas langsamer.",
    "check.failed": "Ergebnis: Bitte beheben Sie die oben genannten Punkte.",
    "check.saved": "Das Ergebnis wurde für Ihren Termin gespeichert.",
    "check.codeUnknown":
      "Zu diesem Einwahlcode haben wir keinen Termin gefunden. Sie können trotzdem testen; das Ergebnis wird nicht gespeichert.",
    "check.manualTitle": "Von Hand prüfen",
    "check.manual1": "Ist die Kamera frei und nicht abgedeckt?",
    "check.manual2": "Ist das Mikrofon nicht stummgeschaltet?",
    "check.manual3": "Ist der Lautsprecher laut genug, oder sind Kopfhörer angeschlossen?",
    "check.manual4": "Nutzen Sie einen aktuellen Browser (Chrome, Firefox, Edge oder Safari)?",
    "check.manual5": "Für den automatischen Test muss JavaScript eingeschaltet sein.",
    "check.helpTitle": "Kamera und Mikrofon erlauben",
    "check.helpChrome":
      "Chrome und Android: Tippen Sie links neben der Adresse auf das Symbol, dann auf „Berechtigungen“ und erlauben Sie Kamera und Mikrofon.",
    "check.helpSafari":
      "Safari und iPhone/iPad: Tippen Sie auf „aA“ neben der Adresse, dann „Website-Einstellungen“, und stellen Sie Kamera und Mikrofon auf „Erlauben“.",
    "check.helpFirefox":
      "Firefox: Klicken Sie auf das Kamera-Symbol links in der Adressleiste und heben Sie die Blockierung auf.",
  },
  en: {
    "info.title": "Data protection, technology and tips",
    "info.lead":
      "Everything you should know before your first video consultation. You can read this page without signing in.",
    "info.stepsTitle": "How the video consultation works",
    "info.needTitle": "What you need",
    "info.need1": "A smartphone, tablet or computer with an up-to-date browser",
    "info.need2": "A camera, a microphone and a speaker (or headphones)",
    "info.need3": "An internet connection",
    "info.need4": "No app and no account",
    "info.tipsTitle": "Tips for a good conversation",
    "info.tip1":
      "Make sure the light comes from the front, not from behind (for example, no window behind you).",
    "info.tip2": "Find a quiet room where you can talk undisturbed.",
    "info.tip3": "Headphones help you hear better and avoid echo.",
    "info.tip4": "Close other programs and apps that use the camera or the internet.",
    "info.privacyTitle": "Data protection",
    "info.p2p":
      "Picture and sound go directly from your device to your counsellor's device (peer to peer), with no central server in between.",
    "info.e2e":
      "The connection is end-to-end encrypted. The operator can neither see, hear nor store the conversation.",
    "info.storedTitle": "What is stored",
    "info.stored1": "The date and time of your appointment",
    "info.stored2": "The name you type when you join",
    "info.stored3": "When you joined and when the conversation started",
    "info.stored4": "The result of the device test, if you take it",
    "info.deleted":
      "This information is deleted {days} days after the appointment and used only to hold the video consultation.",
    "info.history":
      "The database's backup can restore deleted information for {days} more days; after {total} days at the latest everything is gone for good.",
    "info.noRecording": "Nothing is recorded, neither picture nor sound.",
    "info.noTracking": "There is no advertising and no analytics or tracking.",
    "info.confidential":
      "Your counsellor and the operator are forbidden by law to disclose your data to anyone unauthorised.",
    "info.termsTitle": "Terms of use",
    "info.terms":
      "The video consultation is free for you. Please do not record the conversation and do not let anyone listen in unnoticed. You can end the conversation at any time.",
    "info.checkCta": "Test your camera and microphone now",
    "info.joinCta": "Join",
    "join.title": "Join your video consultation",
    "join.lead": "Enter your dial-in code and your name. You do not need an account.",
    "join.code": "Dial-in code",
    "join.codeHint": "12 digits; spaces and dashes do not matter.",
    "join.name": "Your name",
    "join.nameHint": "So that your counsellor knows it is you.",
    "join.consent": "I have read the information on data protection and use, and I agree.",
    "join.consentLink": "Read the information (opens a new window)",
    "join.submit": "Enter the waiting room",
    "join.errorsTitle": "Please check what you entered",
    "join.error.code":
      "We found no appointment for this dial-in code. Please check the code in your invitation.",
    "join.error.nameEmpty": "Please enter your name.",
    "join.error.nameLong": "The name can be at most 80 characters long.",
    "join.error.nameChars": "The name contains control characters. Please type it again.",
    "join.error.consent": "Please confirm that you have read the information.",
    "join.error.tooEarly":
      "The waiting room opens at {time}. Just leave this page open: it reloads itself until then. Then enter your name.",
    "join.error.tooEarlyDay":
      "The waiting room opens on {date} at {time}. Just leave this page open: it reloads itself until then. Then enter your name.",
    "join.error.cancelled":
      "This appointment has been cancelled. Please contact your counselling office.",
    "join.error.past":
      "This appointment is over. Please contact your counselling office if you need a new appointment.",
    "limit.title": "Too many attempts",
    "limit.text":
      "There were too many attempts to join from here. Please wait {minutes} minutes and then try again.",
    "session.title": "Please join first",
    "session.text":
      "You are not joined right now, for example because you signed off, the consultation has ended or you joined on another device. Please join with your dial-in code.",
    "session.cta": "Join with your dial-in code",
    "lobby.title": "Waiting room",
    "lobby.heading": "You are in the waiting room",
    "lobby.appointment": "Your appointment: {date} at {time}",
    "lobby.counsellor": "With: {name}",
    "lobby.waiting":
      "Please stay on this page. As soon as your counsellor joins, the consultation starts by itself.",
    "lobby.late": "Your counsellor is running a little late. Please keep waiting.",
    "lobby.knocking":
      "Your consultation is already running on another device. Your counsellor sees your request and decides whether this device takes part instead. Please stay on this page.",
    "lobby.refused":
      "Your counsellor did not let this device in. The consultation continues on the other device. You can sign off now.",
    "lobby.turnedAway":
      "This connection was ended by the counselling service. You can sign off now. If you have questions, please contact the counselling service directly.",
    "lobby.message": "A message for you:",
    "lobby.ended": "This consultation is over. You can sign off now.",
    "lobby.cancelled":
      "This appointment has been cancelled. Please contact your counselling office.",
    "lobby.deletion": "The data about this appointment will be deleted on {date}.",
    "lobby.tipsTitle": "While you wait",
    "lobby.checkCta": "Test your camera and microphone",
    "lobby.leave": "Sign off",
    "lobby.yourReply": "Your answer:",
    "lobby.replyLabel": "A short message to your counsellor",
    "lobby.replyHint": "For example: My camera does not work. At most 200 characters.",
    "lobby.replySend": "Send message",
    "form.message.required": "Please write a message.",
    "form.message.tooLong": "The message can be at most 200 characters long.",
    "form.message.invalid": "The message contains control characters. Please type it again.",
    "signedOff.title": "You have signed off",
    "signedOff.text":
      "You have signed off. Nothing was kept that could identify you. You can close this window now.",
    "signedOff.home": "To the start page",
    "exit.button": "Leave quickly",
    "exit.hint": "Leaves the page at once. With a keyboard: press Escape twice.",
    "left.heading": "You have left the conversation",
    "left.text": "The consultation is still going on. You can go back into it or sign off.",
    "left.rejoin": "Back to the conversation",
    "left.endedHeading": "The consultation is over",
    "check.title": "Test your device",
    "check.devicesTitle": "Which camera and microphone",
    "check.deviceCamera": "Camera",
    "check.deviceMicrophone": "Microphone",
    "check.devicesHint": "Your choice also applies to the video consultation on this device.",
    "check.waitingTitle": "Your waiting room",
    "check.waitingHere":
      "You stay in the waiting room while you test. As soon as your counsellor starts the session, you go straight on from here.",
    "check.backToLobby": "Back to the waiting room",
    "check.lead":
      "Check your camera, microphone, speaker and connection here before the appointment. Nothing is recorded.",
    "check.autoTitle": "Automatic test",
    "check.start": "Start the test",
    "check.camera": "Camera",
    "check.cameraPreview": "Your camera picture",
    "check.microphone": "Microphone",
    "check.micLevel": "Your microphone's volume",
    "check.micHint": "Say something: the bar should move.",
    "check.speaker": "Speaker",
    "check.speakerButton": "Play a test sound",
    "check.speakerHint": "You should hear a short tone. If not, turn the volume up.",
    "check.webrtc": "Your browser's video technology",
    "check.connection": "Connection",
    "check.pending": "Not checked yet.",
    "check.running": "Checking …",
    "check.cameraOk": "The camera works.",
    "check.mediaDenied":
      "Camera or microphone are not allowed. Allow access (see the help below) and start the test again.",
    "check.mediaMissing": "No camera or microphone was found. Connect one or use another device.",
    "check.mediaBusy":
      "Camera or microphone are in use by another program. Close other programs and start the test again.",
    "check.micOk": "The microphone is on.",
    "check.webrtcOk": "Your browser supports video consultations.",
    "check.webrtcMissing":
      "Your browser does not support video consultations. Please use an up-to-date Chrome, Firefox, Edge or Safari.",
    "check.direct": "A direct connection is possible. All set.",
    "check.relay":
      "A direct connection is not possible; the call will go through a relay server. That works but may be a little slower.",
    "check.blocked":
      "No connection could be made. Try another network (for example mobile data instead of an office Wi-Fi).",
    "check.untested":
      "Your browser can make connections. Which ways lead through your network could not be checked here.",
    "check.path.direct.yes": "Direct connection: possible",
    "check.path.direct.no": "Direct connection: not possible",
    "check.path.direct.unknown": "Direct connection: not tested",
    "check.path.udpRelay.yes": "Through a relay server (UDP): works",
    "check.path.udpRelay.no": "Through a relay server (UDP): does not work",
    "check.path.udpRelay.unknown": "Through a relay server (UDP): not tested",
    "check.path.tcpRelay.yes": "Through a relay server (TCP, for strict firewalls): works",
    "check.path.tcpRelay.no": "Through a relay server (TCP, for strict firewalls): does not work",
    "check.path.tcpRelay.unknown": "Through a relay server (TCP, for strict firewalls): not tested",
    "check.passed": "Result: all set for the video consultation.",
    "check.relayResult": "Result: it should work, perhaps a little slower.",
    "check.failed": "Result: please fix the points above.",
    "check.saved": "The result has been saved for your appointment.",
    "check.codeUnknown":
      "We found no appointment for this dial-in code. You can still test; the result will not be saved.",
    "check.manualTitle": "Check by hand",
    "check.manual1": "Is the camera free and not covered?",
    "check.manual2": "Is the microphone not muted?",
    "check.manual3": "Is the speaker loud enough, or are headphones connected?",
    "check.manual4": "Are you using an up-to-date browser (Chrome, Firefox, Edge or Safari)?",
    "check.manual5": "The automatic test needs JavaScript to be switched on.",
    "check.helpTitle": "Allow camera and microphone",
    "check.helpChrome":
      "Chrome and Android: tap the icon left of the address, then “Permissions”, and allow camera and microphone.",
    "check.helpSafari":
      "Safari and iPhone/iPad: tap “aA” next to the address, then “Website Settings”, and set camera and microphone to “Allow”.",
    "check.helpFirefox":
      "Firefox: click the camera icon on the left of the address bar and remove the block.",
  },
} as const;
