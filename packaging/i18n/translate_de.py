#!/usr/bin/env python3
"""Fills German translations into resources/translations/dispatchdesk_de.ts for
the strings listed below, leaving every other message unfinished (Qt then shows
the English source). Run after `cmake --build build --target update_translations`
to carry the known translations into new messages:  python3 packaging/i18n/translate_de.py"""
import pathlib
import xml.etree.ElementTree as ET

DE = {
    "Dispatch HashiCorp Nomad parameterized jobs and follow them live.\nConnects to NOMAD_ADDR (default http://127.0.0.1:4646) with NOMAD_TOKEN.":
        "Parametrisierte HashiCorp-Nomad-Jobs starten und live verfolgen.\nVerbindet sich mit NOMAD_ADDR (Standard http://127.0.0.1:4646) und NOMAD_TOKEN.",
    "Start a demo Nomad cluster inside the app (with example jobs) and connect to it.":
        "Einen Demo-Nomad-Cluster in der App starten (mit Beispiel-Jobs) und sich damit verbinden.",
    "&File": "&Datei", "&View": "&Ansicht", "&Job": "&Job", "&Help": "&Hilfe",
    "&Refresh": "&Aktualisieren", "Read everything again from Nomad (F5)": "Alles neu von Nomad lesen (F5)",
    "&Dispatch": "&Starten", "Dispatch": "Starten", "&Filter jobs": "Jobs &filtern", "Filter jobs": "Jobs filtern",
    "Filter jobs (Ctrl+F)": "Jobs filtern (Strg+F)",
    "&Load payload…": "Nutzdaten &laden…", "Dispatch &history": "Start&verlauf", "History": "Verlauf",
    "&Bulk dispatch…": "&Massenstart…", "&Copy as nomad command": "Als nomad-Befehl &kopieren",
    "Copy as c&url command": "Als c&url-Befehl kopieren", "Open in &web UI": "In der &Web-Oberfläche öffnen",
    "&Quit": "&Beenden", "&About Dispatch Desk": "Ü&ber Dispatch Desk", "Connection": "Verbindung",
    "Dispatched jobs": "Gestartete Jobs", "Parameterized jobs": "Parametrisierte Jobs",
    "&Parameterized jobs": "&Parametrisierte Jobs", "Payload": "Nutzdaten", "Meta": "Meta", "Options": "Optionen",
    "Evaluations": "Evaluierungen", "Allocations": "Allokationen", "Timeline": "Zeitleiste",
    "Pick a job on the left to dispatch it.": "Links einen Job wählen, um ihn zu starten.",
    "&Copy as": "&Kopieren als", "Dispatch &again…": "&Erneut starten…", "&Show dispatched job": "Gestarteten Job &zeigen",
    "Close": "Schließen", "&Start": "&Starten", "&Retry failed rows": "Fehlgeschlagene Zeilen &wiederholen",
    "&Profile:": "&Profil:", "&Namespace:": "&Namespace:", "Re&gion:": "Re&gion:",
    "P&rofiles…": "P&rofile…", "Connection profiles": "Verbindungsprofile", "&Test connection": "Verbindung &testen",
    "&Name:": "&Name:", "&Address:": "&Adresse:", "&Region:": "&Region:", "&CA file:": "&CA-Datei:", "Browse…": "Durchsuchen…",
    "&Delete": "&Löschen", "&Import…": "&Importieren…", "E&xport…": "E&xportieren…",
    "Skip TLS &verification (insecure)": "TLS-&Prüfung überspringen (unsicher)",
    "&Idempotency token:": "&Idempotenz-Token:", "&Generate": "&Erzeugen", "ID &prefix:": "ID-&Präfix:",
    "Pri&ority:": "Pri&orität:", "Same as the job": "Wie der Job",
    "&Wait until the dispatched job finishes": "&Warten, bis der gestartete Job fertig ist",
    "&Load file…": "Datei &laden…", "&Format JSON": "JSON &formatieren", "Clear": "Leeren",
    "&Add": "&Hinzufügen", "&Remove": "&Entfernen", "Other key…": "Anderer Schlüssel…",
    "Show &job": "&Job zeigen", "S&top following": "Verfolgen &beenden",
    "Pr&eset:": "&Vorlage:", "Save…": "Speichern…", "(none)": "(keine)", "Save preset": "Vorlage speichern",
    "Delete preset?": "Vorlage löschen?", "Replace preset?": "Vorlage ersetzen?",
    "All outcomes": "Alle Ergebnisse", "Went through": "Erfolgreich gesendet", "Failed or refused": "Fehlgeschlagen oder abgelehnt",
    "Unknown or interrupted": "Unbekannt oder unterbrochen",
    "Filter by job, profile, dispatched job, meta or outcome": "Nach Job, Profil, gestartetem Job, Meta oder Ergebnis filtern",
    "When": "Wann", "Profile": "Profil", "Job": "Job", "Dispatched job": "Gestarteter Job", "Outcome": "Ergebnis",
    "Dispatched": "Gestartet", "Completed": "Abgeschlossen", "Failed": "Fehlgeschlagen", "Running": "Läuft", "Placed": "Platziert",
    "Refused by Nomad": "Von Nomad abgelehnt", "Could not be placed": "Konnte nicht platziert werden",
    "Sending…": "Wird gesendet…", "Pending": "Ausstehend", "None": "Keine",
    "Ready to dispatch “%1” on “%2”.": "Bereit, „%1“ auf „%2“ zu starten.",
    "Ready to dispatch “%1”.": "Bereit, „%1“ zu starten.",
    "Not connected to a Nomad cluster.": "Nicht mit einem Nomad-Cluster verbunden.",
    "Dispatching…": "Wird gestartet…",
    "Connected to “%1” at %2": "Verbunden mit „%1“ unter %2",
    "Connecting to “%1” at %2…": "Verbinde mit „%1“ unter %2…",
    "Cannot reach “%1”": "„%1“ ist nicht erreichbar",
    "Leader %1": "Leader %1", "Nomad %1": "Nomad %1",
    "Reading jobs…": "Jobs werden gelesen…",
}

def main():
    path = pathlib.Path(__file__).resolve().parents[2] / "resources/translations/dispatchdesk_de.ts"
    tree = ET.parse(path)
    done = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in DE and translation is not None and message.get("numerus") != "yes":
            translation.text = DE[source]
            translation.attrib.pop("type", None)
            done += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    print(f"{done} messages translated in {path.name}")

if __name__ == "__main__":
    main()
