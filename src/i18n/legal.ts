/**
 * @module
 * The privacy notice's and the imprint's texts, German first, English second,
 * same keys. The operator's details come from the configuration.
 */
export const legal = {
  de: {
    "legal.controllerTitle": "Verantwortlich",
    "legal.controllerText":
      "Verantwortlich für die Verarbeitung Ihrer Daten in dieser Videosprechstunde ist:",
    "legal.contact": "Kontakt: {contact}",
    "legal.dpoTitle": "Datenschutzbeauftragte Stelle",
    "legal.dpoText": "Sie erreichen die oder den Datenschutzbeauftragten unter: {dpo}",
    "legal.missing": "Diese Angabe hat der Betreiber noch nicht hinterlegt.",
    "legal.basisTitle": "Rechtsgrundlage",
    "legal.basis":
      "Wir verarbeiten die genannten Angaben, um die mit Ihnen vereinbarte Beratung per Video durchzuführen (Art. 6 Abs. 1 lit. b DSGVO). Soweit dabei Gesundheitsdaten berührt sind, geschieht das im Rahmen der Beratung durch zur Verschwiegenheit verpflichtete Fachkräfte (Art. 9 Abs. 2 lit. h, Abs. 3 DSGVO).",
    "legal.rightsTitle": "Ihre Rechte",
    "legal.rights1": "Auskunft über die gespeicherten Angaben (Art. 15 DSGVO)",
    "legal.rights2": "Berichtigung falscher Angaben (Art. 16 DSGVO)",
    "legal.rights3":
      "Löschung (Art. 17 DSGVO) – Sie können sich jederzeit abmelden; die Angaben werden spätestens nach der genannten Frist gelöscht",
    "legal.rights4": "Einschränkung der Verarbeitung und Widerspruch (Art. 18 und 21 DSGVO)",
    "legal.rights5":
      "Beschwerde bei einer Datenschutz-Aufsichtsbehörde (Art. 77 DSGVO), zum Beispiel bei {authority}",
    "legal.authorityDefault": "der Aufsichtsbehörde Ihres Bundeslandes",
    "legal.rightsHow": "Wenden Sie sich dafür an die oben genannte verantwortliche Stelle.",
    "legal.processorsTitle": "Dienstleister",
    "legal.hosting": "Betrieb des Servers (Hosting, in der EU): {name}",
    "legal.turn":
      "Vermittlungsserver für Verbindungen durch Firewalls (TURN, in der EU): {name}. Er leitet nur verschlüsselte Daten weiter und kann das Gespräch nicht sehen oder hören.",
    "legal.selfHosted": "vom Betreiber selbst",
    "imprint.title": "Impressum",
    "imprint.provider": "Anbieter",
    "imprint.representative": "Vertreten durch: {name}",
    "imprint.contact": "Kontakt",
    "imprint.register": "Registereintrag: {entry}",
    "imprint.missing":
      "Der Betreiber hat noch kein Impressum hinterlegt (Einstellungen OPERATOR, OPERATOR_ADDRESS und OPERATOR_CONTACT).",
  },
  en: {
    "legal.controllerTitle": "Controller",
    "legal.controllerText":
      "The controller responsible for processing your data in this video consultation is:",
    "legal.contact": "Contact: {contact}",
    "legal.dpoTitle": "Data protection officer",
    "legal.dpoText": "You can reach the data protection officer at: {dpo}",
    "legal.missing": "The operator has not entered this yet.",
    "legal.basisTitle": "Legal basis",
    "legal.basis":
      "We process the details listed to hold the video consultation agreed with you (Art. 6(1)(b) GDPR). Where health data are touched, this happens within counselling by professionals bound to confidentiality (Art. 9(2)(h) and (3) GDPR).",
    "legal.rightsTitle": "Your rights",
    "legal.rights1": "Access to the details stored (Art. 15 GDPR)",
    "legal.rights2": "Correction of wrong details (Art. 16 GDPR)",
    "legal.rights3":
      "Erasure (Art. 17 GDPR) – you can sign off at any time; the details are deleted after the period stated at the latest",
    "legal.rights4": "Restriction of processing and objection (Art. 18 and 21 GDPR)",
    "legal.rights5":
      "A complaint to a data protection supervisory authority (Art. 77 GDPR), for example {authority}",
    "legal.authorityDefault": "the authority of your federal state",
    "legal.rightsHow": "Please contact the controller named above.",
    "legal.processorsTitle": "Service providers",
    "legal.hosting": "Running the server (hosting, in the EU): {name}",
    "legal.turn":
      "Relay server for connections through firewalls (TURN, in the EU): {name}. It only passes on encrypted data and cannot see or hear the conversation.",
    "legal.selfHosted": "the operator itself",
    "imprint.title": "Imprint",
    "imprint.provider": "Provider",
    "imprint.representative": "Represented by: {name}",
    "imprint.contact": "Contact",
    "imprint.register": "Register entry: {entry}",
    "imprint.missing":
      "The operator has not entered an imprint yet (settings OPERATOR, OPERATOR_ADDRESS and OPERATOR_CONTACT).",
  },
} as const;
