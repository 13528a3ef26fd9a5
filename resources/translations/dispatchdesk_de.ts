<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BulkDispatchDialog</name>
    <message>
        <source>Dispatch from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CSV or JSON Lines file, or drop one here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV: a header names the columns; payload, payload_file or payload_base64 give the payload, every other column is a meta key. JSON Lines: one object per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;oncurrency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many dispatches are in flight at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Cancel re&amp;maining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the rows not sent yet; the ones in flight finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry failed rows</source>
        <translation>Fehlgeschlagene Zeilen &amp;wiederholen</translation>
    </message>
    <message>
        <source>Send the failed and cancelled rows again, with the idempotency tokens they had</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>ChildDetailPanel</name>
    <message>
        <source>Open in &amp;web UI</source>
        <translation>In der &amp;Web-Oberfläche öffnen</translation>
    </message>
    <message>
        <source>Open this dispatched job in Nomad&apos;s web UI in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch &amp;again…</source>
        <translation>&amp;Erneut starten…</translation>
    </message>
    <message>
        <source>Fill the dispatch form with this job&apos;s payload and meta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Nutzdaten</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Evaluierungen</translation>
    </message>
    <message>
        <source>Allocations</source>
        <translation>Allokationen</translation>
    </message>
</context>
<context>
    <name>ChildrenPanel</name>
    <message>
        <source>Ta&amp;ble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the dispatched jobs as a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cha&amp;rt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show outcome and run time of the recent dispatched jobs as a chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by ID or meta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched jobs</source>
        <translation>Gestartete Jobs</translation>
    </message>
</context>
<context>
    <name>DemoCluster</name>
    <message>
        <source>Demo cluster</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DispatchOptionsSection</name>
    <message>
        <source>&amp;Idempotency token:</source>
        <translation>&amp;Idempotenz-Token:</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <source>ID &amp;prefix:</source>
        <translation>ID-&amp;Präfix:</translation>
    </message>
    <message>
        <source>e.g. nightly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pri&amp;ority:</source>
        <translation>Pri&amp;orität:</translation>
    </message>
    <message>
        <source>Same as the job</source>
        <translation>Wie der Job</translation>
    </message>
    <message>
        <source>&amp;Wait until the dispatched job finishes</source>
        <translation>&amp;Warten, bis der gestartete Job fertig ist</translation>
    </message>
    <message>
        <source>Follow the dispatched job to its end, so the verdict says whether it completed or failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <source>Pick a job on the left to dispatch it.</source>
        <translation>Links einen Job wählen, um ihn zu starten.</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Nutzdaten</translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>&amp;Copy as</source>
        <translation>&amp;Kopieren als</translation>
    </message>
    <message>
        <source>Copy this dispatch as a command line to run in a shell or a script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in &amp;web UI</source>
        <translation>In der &amp;Web-Oberfläche öffnen</translation>
    </message>
    <message>
        <source>Open this job in Nomad&apos;s web UI in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dispatch</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Dispatch the job with this payload and meta (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Filter by job, profile, dispatched job, meta or outcome</source>
        <translation>Nach Job, Profil, gestartetem Job, Meta oder Ergebnis filtern</translation>
    </message>
    <message>
        <source>Show only dispatches that ended this way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in &amp;web UI</source>
        <translation>In der &amp;Web-Oberfläche öffnen</translation>
    </message>
    <message>
        <source>Open the dispatched job in Nomad&apos;s web UI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show dispatched job</source>
        <translation>Gestarteten Job &amp;zeigen</translation>
    </message>
    <message>
        <source>Open the dispatched job: its meta, payload, evaluations and allocations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobListPanel</name>
    <message>
        <source>&amp;Parameterized jobs</source>
        <translation>&amp;Parametrisierte Jobs</translation>
    </message>
    <message>
        <source>Filter jobs (Ctrl+F)</source>
        <translation>Jobs filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Filter jobs</source>
        <translation>Jobs filtern</translation>
    </message>
    <message>
        <source>Parameterized jobs</source>
        <translation>Parametrisierte Jobs</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dispatch Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Dispatched jobs</source>
        <translation>Gestartete Jobs</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>&amp;Job</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read everything again from Nomad (F5)</source>
        <translation>Alles neu von Nomad lesen (F5)</translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dispatch</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Dispatch the selected job with the form&apos;s payload and meta (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter jobs</source>
        <translation>Jobs &amp;filtern</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load payload…</source>
        <translation>Nutzdaten &amp;laden…</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch &amp;history</source>
        <translation>Start&amp;verlauf</translation>
    </message>
    <message>
        <source>Every dispatch made from this computer, by the app or the CLI (Ctrl+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bulk dispatch…</source>
        <translation>&amp;Massenstart…</translation>
    </message>
    <message>
        <source>Dispatch the selected job once per row of a CSV or JSON Lines file (Ctrl+Shift+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy as nomad command</source>
        <translation>Als nomad-Befehl &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the form as a nomad job dispatch command line (Ctrl+Shift+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as c&amp;url command</source>
        <translation>Als c&amp;url-Befehl kopieren</translation>
    </message>
    <message>
        <source>Open in &amp;web UI</source>
        <translation>In der &amp;Web-Oberfläche öffnen</translation>
    </message>
    <message>
        <source>Open the selected job in Nomad&apos;s web UI (Ctrl+Shift+U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Dispatch Desk</source>
        <translation>Ü&amp;ber Dispatch Desk</translation>
    </message>
</context>
<context>
    <name>MetaSection</name>
    <message>
        <source>Meta</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Optional keys this job accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional key to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Other key…</source>
        <translation>Anderer Schlüssel…</translation>
    </message>
    <message>
        <source>Add a row and type the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
</context>
<context>
    <name>MonitorArea</name>
    <message>
        <source>Each dispatch opens a tab here that follows it live: where it was placed, how it runs, and how it ended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonitorPanel</name>
    <message>
        <source>Show &amp;job</source>
        <translation>&amp;Job zeigen</translation>
    </message>
    <message>
        <source>Show the dispatched job among the job&apos;s dispatched jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top following</source>
        <translation>Verfolgen &amp;beenden</translation>
    </message>
    <message>
        <source>Stop watching; the dispatched job carries on in Nomad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Allocations</source>
        <translation>Allokationen</translation>
    </message>
    <message>
        <source>Allocation timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Evaluierungen</translation>
    </message>
</context>
<context>
    <name>PayloadSection</name>
    <message>
        <source>Type the payload here, or drop a file on this box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Nutzdaten</translation>
    </message>
    <message>
        <source>&amp;Load file…</source>
        <translation>Datei &amp;laden…</translation>
    </message>
    <message>
        <source>Load the payload from a file (you can also drop a file on the editor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format JSON</source>
        <translation>JSON &amp;formatieren</translation>
    </message>
    <message>
        <source>Indent the JSON payload for reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Payload size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Connection profiles</source>
        <translation>Verbindungsprofile</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Add profiles from a JSON file (tokens are never in it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Write every saved profile to a JSON file, without tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Environment as profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the form from NOMAD_ADDR, NOMAD_TOKEN… to review, name and save as a profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Letters, digits, dots, dashes and underscores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>e.g. https://nomad.example.com:4646</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>Name&amp;space:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>PEM file of the CA that signed the servers&apos; certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>CA &amp;directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A directory of PEM CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;TLS server name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name the server certificate must carry (SNI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip TLS &amp;verification (insecure)</source>
        <translation>TLS-&amp;Prüfung überspringen (unsicher)</translation>
    </message>
    <message>
        <source>To&amp;ken:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad ACL token (secret ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep tokens in an unencrypted file on this computer (weaker than a keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. PRODUCTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;lour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Red (production)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orange (staging)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green (development)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purple</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::ApiError</name>
    <message>
        <source>the server&apos;s certificate was issued by a CA that is not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate is self-signed and not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not valid for the name used to connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not valid yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate was revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server requires a client certificate and none was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the client certificate (its CA does not trust it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TLS handshake failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad answered %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing is listening at %1 (connection refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host name &quot;%1&quot; could not be resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to %1 was closed before Nomad answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered with a redirect to %2, which was not followed: Nomad&apos;s API does not redirect, and the token is sent only to the address you named</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer from %1 was larger than %2 MB, more than this request&apos;s answer can be; it was not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network request to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secure connection to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad&apos;s answer could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is not known to this cluster: check that it belongs to this cluster and region, and has not been deleted or expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token lacks a capability this action needs; ask an operator for a policy that grants it, or use another token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is malformed: a Nomad secret ID is a 36-character UUID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region does not exist in this cluster; pick one the cluster lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the address and port, and that the Nomad agent is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the spelling of the address and your DNS settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the address: it may point at a proxy or a web page instead of the Nomad agent. Use the address the redirect names only if you trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the address points at a Nomad agent and not at something else answering on that port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the network; the request can be tried again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server may be overloaded or unreachable; try again, or raise the timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the CA certificate that signed the server&apos;s certificate (-ca-cert or NOMAD_CACERT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect with a name the certificate lists, or set the TLS server name (-tls-server-name or NOMAD_TLS_SERVER_NAME).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a client certificate and key that the server&apos;s CA signed (-client-cert and -client-key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the clocks, and renew the certificate if it has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address may not point at a Nomad agent, or a proxy changed the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token needs the %1 capability in namespace %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This job accepts no meta keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This job accepts only: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in every key marked required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a file or type a payload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the payload: this job takes none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad accepts at most 16384 bytes; pass a reference to the data instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No parameterized job %1 exists in namespace %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 has no parameterized block, so it cannot be dispatched; only parameterized jobs can.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::ConnectionTest</name>
    <message>
        <source>The token may not %1 (Nomad answered 403 %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the agent (agent:read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” (%2), policies: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACLs are off on this cluster: no token is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read itself (acl/token/self)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the jobs in namespace “%1” (list-jobs), which dispatching and monitoring need</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::AllocationTimeline</name>
    <message>
        <source>+%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>The allocations have not reported any times yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No allocations yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since %1 (%2 so far)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::BulkDispatchDialog</name>
    <message>
        <source>Dispatch “%1” from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatches “%1” once per row of a CSV or JSON Lines file, in namespace “%2” on “%3”. Rows are checked before anything is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default “%2”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required meta: none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required meta: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional meta: none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional meta: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload: required, at most %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload: optional, at most %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload: forbidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a parameterized job, so it cannot be dispatched. Choose a parameterized job in the job list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the rows to dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows (*.csv *.jsonl *.ndjson *.json);;CSV (*.csv);;JSON Lines (*.jsonl *.ndjson);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a parameterized job, so it cannot be dispatched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a folder. Choose a CSV or JSON Lines file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is %2 MB; a rows file holds meta and small payloads, at most %3 MB. Split it, or use payload_file columns for large payloads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read “%1”: %2. Check that it exists and that you may read it, or choose another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is empty. A CSV needs a header naming the columns (meta keys, and payload, payload_file or payload_base64) and one line per dispatch; JSON Lines needs one object per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read “%1” as %2: %3. Fix the file and choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has a header but no rows. Add one line per dispatch below the header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has no rows: every line is blank or a # comment. Add one JSON object per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the %1 rows of “%2” can be dispatched (read as %3); the Problem column says why. Fix the file and choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows, all valid: Start sends %1 dispatches of “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No row can be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid rows are skipped: Start sends the %1 valid ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start first reads the server&apos;s version: from Nomad 1.2, every row carries an idempotency token, so a retried row is never dispatched twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every row carries an idempotency token derived from this file (batch %1), so a retried row is never dispatched twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ignores idempotency tokens: a row whose answer is lost cannot be retried safely, and running this file again dispatches every row again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad %1</source>
        <translation>Nomad %1</translation>
    </message>
    <message>
        <source>This server (version unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the server&apos;s version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: nothing has been sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was lost: Nomad may or may not have dispatched it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was lost; a child with this row&apos;s meta exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the run was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched %1 of %2 rows of “%3” on “%4” in %5 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of them had been dispatched before (same token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 invalid rows were skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First failure, line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Retry failed rows” sends them again with the same tokens; rows that landed are not sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows marked unknown are not retried: this server ignores idempotency tokens, so check the job&apos;s children for them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Retry failed rows” sends the failed and cancelled rows again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop dispatching “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows are waiting and %2 are in flight. Closing cancels the waiting rows; the ones in flight finish and are recorded. “Retry failed rows” cannot resume them once this window is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows, all valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and %1 more (see the Problem column)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows, %2 invalid: %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::ChildDetailPanel</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a dispatched job to see its meta, payload, evaluations and allocations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the evaluations and allocations of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not %1 on “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, submitted %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON, %1 bytes (shown indented)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text, %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary, %1 bytes (shown as hex)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::ChildrenChart</name>
    <message>
        <source>Run time of the dispatched jobs over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run time (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run time (h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last child of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last %1 children of “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(of %L1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading when %1 finished children ended…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 finished children are not shown: when they ended is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a job to see its dispatched children.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dispatched children yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dispatched children with this status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When these children ended is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each dispatch of “%1” will show here: when it was submitted, how long it ran, and how it ended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::ChildrenPanel</name>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>The chart shows all recent dispatched jobs; the ID and meta filter applies to the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the dispatched jobs of “%1” on “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 dispatched</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::DialogPrompter</name>
    <message>
        <source>Load payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*);;JSON (*.json);;Text (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Nomad cluster found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch Desk can start a demo cluster inside the app, with example jobs to dispatch. Nothing leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the demo cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::DispatchActions</name>
    <message>
        <source>Copied the curl command to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the nomad command to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It reads the token from $NOMAD_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 in the browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start a browser for %1; copy the address from here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::DispatchController</name>
    <message>
        <source>Dispatch again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You dispatched “%1” with the same payload and meta %2 seconds ago. Dispatch another job anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This dispatch is not recorded in the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the result in the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not dispatch “%1” on “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not known whether “%1” was dispatched on “%2”: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matching job was found; check “Dispatched jobs” before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These jobs match it and may be it: %1. Check them before dispatching again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch request: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::DispatchOptionsSection</name>
    <message>
        <source>Needs Nomad %1 or newer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; the server&apos;s version is not known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; this server runs %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; this server did not say which version it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad dispatches at most one job per token: a repeated click or retry returns the job already dispatched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put a word of yours into the dispatched job&apos;s ID, to find it later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheduling priority of the dispatched job, 1 to 100.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::DispatchPanel</name>
    <message>
        <source>&amp;nomad job dispatch command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same dispatch with Nomad&apos;s own CLI; the token is read from $NOMAD_TOKEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>c&amp;url command (HTTP API)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs a payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>takes an optional payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>takes no payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default “%2”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requires meta %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepts meta %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepts no meta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This job %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  ·  namespace %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload (not accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a job on the left to dispatch it.</source>
        <translation>Links einen Job wählen, um ihn zu starten.</translation>
    </message>
    <message>
        <source>Dispatching…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>&amp;Dispatch</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Not ready to dispatch: Nomad would answer “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a Nomad cluster.</source>
        <translation>Nicht mit einem Nomad-Cluster verbunden.</translation>
    </message>
    <message>
        <source>Dispatching “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to dispatch “%1”.</source>
        <translation>Bereit, „%1“ zu starten.</translation>
    </message>
    <message>
        <source>Ready to dispatch “%1” on “%2”.</source>
        <translation>Bereit, „%1“ auf „%2“ zu starten.</translation>
    </message>
    <message>
        <source>Dispatch the job with this payload and meta (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::DispatchTracker</name>
    <message>
        <source>Evaluating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad is deciding where “%1” runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad already had a job for this idempotency token: “%1”. Nothing new was dispatched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following the job dispatched earlier with this token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was dispatched earlier with this token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched “%1” on “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation %1 decides where it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following blocked evaluation %1: it places the rest when capacity frees up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following evaluation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation %1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not place every allocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity freed up: the remaining allocations are placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation %1 complete: all allocations placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for capacity: blocked evaluation %1 will place the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be placed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad keeps the job queued and places it as soon as capacity frees up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next evaluation %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost contact with Nomad; retrying in %1 (attempt %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected to Nomad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation %1 placed on node %2 (group “%3”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation %1 is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation %1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>%1 of %2 allocations running, %3 finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Platziert</translation>
    </message>
    <message>
        <source>Waiting for the allocations to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 allocation placed; following “%1” to its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 allocations placed; following “%2” to its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad placed every allocation of “%1”. Not waiting for it to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be placed</source>
        <translation>Konnte nicht platziert werden</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Evaluation %1 ended “%2”: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading evaluation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped following; Nomad still keeps the job queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped following</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” carries on in Nomad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched “%1” on “%2”, but could not follow it: %3 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot follow the dispatched job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched, but cannot follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading its allocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its allocation finished successfully.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All %1 allocations finished successfully.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Allocation %1 (group “%2”) %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::HistoryPanel</name>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Went through</source>
        <translation>Erfolgreich gesendet</translation>
    </message>
    <message>
        <source>Failed or refused</source>
        <translation>Fehlgeschlagen oder abgelehnt</translation>
    </message>
    <message>
        <source>Unknown or interrupted</source>
        <translation>Unbekannt oder unterbrochen</translation>
    </message>
    <message>
        <source>No place to keep a dispatch history is known (no writable data folder), so dispatches are not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history file %1 has damaged lines, which were skipped: %2. Every other dispatch is listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dispatches recorded yet. Every dispatch from this app or dispatch-desk-cli is listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n dispatch(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n dispatch(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dd::gui::Launcher</name>
    <message>
        <source>This build has no demo cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Nomad agent answers at %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::MainWindow</name>
    <message>
        <source>About Dispatch Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Dispatch Desk&lt;/b&gt; %1&lt;br&gt;Dispatch HashiCorp Nomad parameterized jobs and follow them to the end.&lt;br&gt;GPL-3.0-or-later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched jobs (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched jobs</source>
        <translation>Gestartete Jobs</translation>
    </message>
    <message>
        <source>Pick a job on the left first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile “%1” this job was dispatched on no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Nomad cluster to work with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>P&amp;rofiles…</source>
        <translation>P&amp;rofile…</translation>
    </message>
    <message>
        <source>Create, edit, test, import and export connection profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The namespace to list jobs from; * lists all of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>&amp;Namespace:</translation>
    </message>
    <message>
        <source>The region to send requests to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>Re&amp;gion:</translation>
    </message>
    <message>
        <source>TLS verification is off for “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not checked: anyone on the network path can read the traffic and the token. Set a CA file in the profile instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens kept for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens in an unencrypted file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading jobs…</source>
        <translation>Jobs werden gelesen…</translation>
    </message>
    <message>
        <source>No parameterized jobs in namespace “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the jobs on “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read “%1” on “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no connection profile yet. Start the app with --demo to try it on a built-in demo cluster, or set NOMAD_ADDR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to “%1” at %2…</source>
        <translation>Verbinde mit „%1“ unter %2…</translation>
    </message>
    <message>
        <source>Connected to “%1” at %2</source>
        <translation>Verbunden mit „%1“ unter %2</translation>
    </message>
    <message>
        <source>Cannot reach “%1”</source>
        <translation>„%1“ ist nicht erreichbar</translation>
    </message>
    <message>
        <source>Cannot reach “%1” at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trying again every few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad %1</source>
        <translation>Nomad %1</translation>
    </message>
    <message>
        <source>Nomad version unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token may not read /v1/agent/self, so options that need a newer Nomad stay off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader %1</source>
        <translation>Leader %1</translation>
    </message>
</context>
<context>
    <name>dd::gui::MetaSection</name>
    <message>
        <source>No other optional keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required keys cannot be removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: this job accepts no meta keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not accepted by this job. It accepts: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 are</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::MonitorPanel</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; dispatched from “%2” on “%3”, namespace %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::PayloadSection</name>
    <message>
        <source>Required: this job needs a payload of at most %1 bytes; the task reads it as a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: the job runs with or without a payload (at most %1 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This job takes no payload: its parameterized block says payload = “forbidden”, so Nomad would refuse one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON (%1 at character %2); it will be sent as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary: shown as hex, sent as is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes: %2 over the %3-byte limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the payload file: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::PresetBar</name>
    <message>
        <source>Pr&amp;eset:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>Fill the form from a saved preset of this job (also usable as dispatch-desk-cli job dispatch -preset NAME)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the meta, payload, ID prefix template and priority as a preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>The preset “%1” of “%2” is gone; it may have been deleted from the command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A preset needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace preset?</source>
        <translation>Vorlage ersetzen?</translation>
    </message>
    <message>
        <source>“%1” already has a preset named “%2”. Replace it with the form as it is now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the preset “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the preset “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Vorlage speichern</translation>
    </message>
    <message>
        <source>Name for this preset of “%1” (meta, payload, ID prefix template and priority):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete preset?</source>
        <translation>Vorlage löschen?</translation>
    </message>
    <message>
        <source>Delete the preset “%1” of “%2”? Scripts that use it with -preset will stop working.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::gui::ProfileDialog</name>
    <message>
        <source>CA certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory of CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled from the NOMAD_* variables. Review it, name it and press Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile named “%1” exists already; saving replaces it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS verification is off: anyone between you and the cluster can read and change the traffic, including the token. Use it only to diagnose, and prefer a CA file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file never holds the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token will be kept in %1; the settings file never holds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its token is in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “%1” and its token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read “%1”: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n profile(s) without tokens.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Kept the existing %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write “%1”: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the profiles to “%1”, without tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” answered, and the token can list its jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” answered, with limits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” did not answer everything:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Namespaces:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::models</name>
    <message>
        <source>1 node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 allocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 allocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disk space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>devices (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task group “%1”: %2 could not be placed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No client node was eligible: none is ready in the job&apos;s datacenters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nodes are available in datacenter “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The constraint “%1” ruled out %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node class “%1” ruled out %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough %1: exhausted on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources were exhausted on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node class “%1” ran out of resources on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The namespace quota is used up: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>constraint “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not enough %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no eligible nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resources exhausted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unplaced in “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unplaced in “%2”: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::models::AllocationModel</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(restarted %1×)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task “%1” exited with code %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task “%1” failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; not restarted (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; then %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::models::BatchRowModel</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid: skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable: skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Already dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Nutzdaten</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::models::ChildJobModel</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n starting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n complete</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lost</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched job</source>
        <translation>Gestarteter Job</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocations</source>
        <translation>Allokationen</translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>Meta</translation>
    </message>
</context>
<context>
    <name>dd::models::ChildRunTimes</name>
    <message>
        <source>waiting for %1 so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running for %1 so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ran %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2, %3
Submitted %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::models::EvaluationModel</name>
    <message>
        <source>Waiting for capacity in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggered by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::models::JobListModel</name>
    <message>
        <source>%1 dispatched jobs pending, %2 running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dispatched jobs have finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched jobs that are pending or running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched jobs that have finished (Nomad calls them dead)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::models::JournalModel</name>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Interrupted: it is not known whether it was dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Already dispatched (same idempotency token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by Nomad</source>
        <translation>Von Nomad abgelehnt</translation>
    </message>
    <message>
        <source>Job not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown: the connection failed after sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Platziert</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not be placed</source>
        <translation>Konnte nicht platziert werden</translation>
    </message>
    <message>
        <source>Lost track of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idempotency token %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Payload: %n byte(s), SHA-256 %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Dispatched job</source>
        <translation>Gestarteter Job</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::models::MetaEditModel</name>
    <message>
        <source>Required (job default “%1”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the job default “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: the job default is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted by this job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required by the job: it cannot be removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job accepts only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dd::models::TimelineModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Dispatch HashiCorp Nomad parameterized jobs and follow them live.
Connects to NOMAD_ADDR (default http://127.0.0.1:4646) with NOMAD_TOKEN.</source>
        <translation>Parametrisierte HashiCorp-Nomad-Jobs starten und live verfolgen.
Verbindet sich mit NOMAD_ADDR (Standard http://127.0.0.1:4646) und NOMAD_TOKEN.</translation>
    </message>
    <message>
        <source>Start a demo Nomad cluster inside the app (with example jobs) and connect to it.</source>
        <translation>Einen Demo-Nomad-Cluster in der App starten (mit Beispiel-Jobs) und sich damit verbinden.</translation>
    </message>
    <message>
        <source>Demo cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo cluster could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
