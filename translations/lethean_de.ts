<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MiningProfile</name>
    <message>
        <source>Enter the pool address, e.g. stratum+tcp://pool.example.org:3333.</source>
        <translation>Geben Sie die Pool-Adresse ein, z. B. stratum+tcp://pool.example.org:3333.</translation>
    </message>
    <message>
        <source>The pool address must be stratum+tcp://, stratum+ssl:// or host:port.</source>
        <translation>Die Pool-Adresse muss mit stratum+tcp:// oder stratum+ssl:// beginnen oder host:port lauten.</translation>
    </message>
    <message>
        <source>The pool address has no host name.</source>
        <translation>Die Pool-Adresse enthält keinen Hostnamen.</translation>
    </message>
    <message>
        <source>The pool address needs a port, e.g. :3333.</source>
        <translation>Die Pool-Adresse braucht einen Port, z. B. :3333.</translation>
    </message>
    <message>
        <source>The pool address must not have a path.</source>
        <translation>Die Pool-Adresse darf keinen Pfad enthalten.</translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation>Geben Sie dem Profil einen Namen.</translation>
    </message>
    <message>
        <source>A profile name has at most %1 characters.</source>
        <translation>Ein Profilname hat höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <source>A profile name must not start with a dot.</source>
        <translation>Ein Profilname darf nicht mit einem Punkt beginnen.</translation>
    </message>
    <message>
        <source>A profile name may contain only letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos; and spaces; &apos;%1&apos; is not allowed.</source>
        <translation>Ein Profilname darf nur Buchstaben, Ziffern, „-“, „_“, „.“ und Leerzeichen enthalten; „%1“ ist nicht erlaubt.</translation>
    </message>
    <message>
        <source>A profile name must not end with a space.</source>
        <translation>Ein Profilname darf nicht mit einem Leerzeichen enden.</translation>
    </message>
    <message>
        <source>The miner must be one of: %1.</source>
        <translation>Der Miner muss einer von diesen sein: %1.</translation>
    </message>
    <message>
        <source>Enter the wallet address the pool pays to.</source>
        <translation>Geben Sie die Wallet-Adresse ein, an die der Pool auszahlt.</translation>
    </message>
    <message>
        <source>A wallet address has no spaces and at most 256 characters.</source>
        <translation>Eine Wallet-Adresse enthält keine Leerzeichen und höchstens 256 Zeichen.</translation>
    </message>
    <message>
        <source>Threads must be between 0 (the miner decides) and %1.</source>
        <translation>Threads muss zwischen 0 (der Miner entscheidet) und %1 liegen.</translation>
    </message>
    <message>
        <source>The donate level is a percentage from 0 to 100.</source>
        <translation>Der Spendenanteil ist ein Prozentwert von 0 bis 100.</translation>
    </message>
    <message>
        <source>Extra arguments must not contain line breaks.</source>
        <translation>Zusätzliche Argumente dürfen keine Zeilenumbrüche enthalten.</translation>
    </message>
    <message>
        <source>the profile is not valid JSON: %1 at offset %2</source>
        <translation>das Profil ist kein gültiges JSON: %1 an Position %2</translation>
    </message>
    <message>
        <source>the profile must be a JSON object</source>
        <translation>das Profil muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>profile field &apos;%1&apos; must be a string</source>
        <translation>das Profilfeld „%1“ muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>profile field &apos;%1&apos; must be a whole number</source>
        <translation>das Profilfeld „%1“ muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>profile field &apos;extraArgs&apos; must be a list of strings</source>
        <translation>das Profilfeld „extraArgs“ muss eine Liste von Zeichenketten sein</translation>
    </message>
</context>
<context>
    <name>lethean::app::DesktopSession</name>
    <message>
        <source>Lethean Desktop</source>
        <translation>Lethean Desktop</translation>
    </message>
    <message>
        <source>The node could not start:
%1</source>
        <translation>Der Knoten konnte nicht starten:
%1</translation>
    </message>
    <message>
        <source>The demo miner did not start</source>
        <translation>Der Demo-Miner ist nicht gestartet</translation>
    </message>
    <message>
        <source>Start on login</source>
        <translation>Beim Anmelden starten</translation>
    </message>
</context>
<context>
    <name>lethean::ui::AddPeerDialog</name>
    <message>
        <source>Add a peer</source>
        <translation>Peer hinzufügen</translation>
    </message>
    <message>
        <source>Paste the pairing code of the other node. On a rig it is printed when lethean-node starts; in Lethean Desktop it is under Peers → My pairing code.</source>
        <translation>Fügen Sie den Kopplungscode des anderen Knotens ein. Auf einem Rig gibt lethean-node ihn beim Start aus; in Lethean Desktop steht er unter Peers → Mein Kopplungscode.</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Kopplungscode</translation>
    </message>
    <message>
        <source>lethean:1.…</source>
        <translation>lethean:1.…</translation>
    </message>
    <message>
        <source>&amp;Pairing code:</source>
        <translation>&amp;Kopplungscode:</translation>
    </message>
    <message>
        <source>&amp;Add peer</source>
        <translation>Peer &amp;hinzufügen</translation>
    </message>
    <message>
        <source>This is this node&apos;s own pairing code: paste the code of the other node.</source>
        <translation>Das ist der eigene Kopplungscode dieses Knotens: Fügen Sie den Code des anderen Knotens ein.</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <source>none: it will have to connect to us</source>
        <translation>keine: Er muss sich mit uns verbinden</translation>
    </message>
    <message>
        <source>Peer %1, ID %2
Addresses: %3</source>
        <translation>Peer %1, ID %2
Adressen: %3</translation>
    </message>
</context>
<context>
    <name>lethean::ui::DashboardPage</name>
    <message>
        <source>Rigs online</source>
        <translation>Rigs online</translation>
    </message>
    <message>
        <source>Total hashrate</source>
        <translation>Gesamt-Hashrate</translation>
    </message>
    <message>
        <source>Shares</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>Rigs</source>
        <translation>Rigs</translation>
    </message>
    <message>
        <source>&amp;Export history…</source>
        <translation>Verlauf &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the selected rig&apos;s hashrate history (every rig&apos;s when none is selected) as CSV</source>
        <translation>Den Hashrate-Verlauf des ausgewählten Rigs (aller Rigs, wenn keines ausgewählt ist) als CSV speichern</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
        <source>%n mining</source>
        <translation>
            <numerusform>%n schürft</numerusform>
            <numerusform>%n schürfen</numerusform>
        </translation>
    </message>
    <message>
        <source>60 s average: %1</source>
        <translation>Mittel über 60 s: %1</translation>
    </message>
    <message>
        <source>includes simulated miners</source>
        <translation>enthält simulierte Miner</translation>
    </message>
    <message>
        <source>accepted · %1 rejected (%2 %)</source>
        <extracomment>Shares card, under the number of accepted shares: %1 rejected shares, %2 the rejected share in percent</extracomment>
        <translation>akzeptiert · %1 abgelehnt (%2 %)</translation>
    </message>
    <message>
        <source>all-rigs</source>
        <translation>alle-rigs</translation>
    </message>
    <message>
        <source>Export hashrate history</source>
        <translation>Hashrate-Verlauf exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No history is being kept.</source>
        <translation>Es wird kein Verlauf aufgezeichnet.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>Saved the history to %1.</source>
        <translation>Verlauf in %1 gespeichert.</translation>
    </message>
    <message>
        <source>Could not export the history: %1</source>
        <translation>Der Verlauf konnte nicht exportiert werden: %1</translation>
    </message>
</context>
<context>
    <name>lethean::ui::DisplayFormat</name>
    <message>
        <source>GH/s</source>
        <translation>GH/s</translation>
    </message>
    <message>
        <source>MH/s</source>
        <translation>MH/s</translation>
    </message>
    <message>
        <source>kH/s</source>
        <translation>kH/s</translation>
    </message>
    <message>
        <source>H/s</source>
        <translation>H/s</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>A hashrate: %1 the number, %2 the unit (H/s, kH/s, MH/s)</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <extracomment>Duration: days and hours</extracomment>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <extracomment>Duration: hours and minutes</extracomment>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <extracomment>Duration: minutes and seconds</extracomment>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <extracomment>Duration: seconds</extracomment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Running</source>
        <extracomment>A miner that does not report a state (a Go worker): it is listed, so it runs</extracomment>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Restarting</source>
        <translation>Startet neu</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>GPU %1 %2: %3 °C, fan %4 %, %5 W</source>
        <extracomment>GPU health: index, name, temperature, fan, power</extracomment>
        <translation>GPU %1 %2: %3 °C, Lüfter %4 %, %5 W</translation>
    </message>
</context>
<context>
    <name>lethean::ui::HashrateChart</name>
    <message>
        <source>Last &amp;hour</source>
        <translation>Letzte &amp;Stunde</translation>
    </message>
    <message>
        <source>Last &amp;day</source>
        <translation>Letzter &amp;Tag</translation>
    </message>
    <message>
        <source>Last &amp;30 days</source>
        <translation>Letzte &amp;30 Tage</translation>
    </message>
    <message>
        <source>Rigs shown in the chart</source>
        <translation>Im Diagramm gezeigte Rigs</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Simulated data: demo miners make these numbers up, nothing is being mined.</source>
        <translation>Simulierte Daten: Demo-Miner erfinden diese Zahlen, es wird nichts geschürft.</translation>
    </message>
    <message>
        <source>Hashrate chart</source>
        <translation>Hashrate-Diagramm</translation>
    </message>
    <message>
        <source>No hashrate recorded in this range yet.</source>
        <translation>In diesem Zeitraum wurde noch keine Hashrate aufgezeichnet.</translation>
    </message>
    <message>
        <source>Total of all rigs</source>
        <translation>Summe aller Rigs</translation>
    </message>
    <message>
        <source>Total and each rig</source>
        <translation>Summe und einzelne Rigs</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>%1 (simulated)</source>
        <extracomment>A chart line&apos;s name when its data comes from a demo miner</extracomment>
        <translation>%1 (simuliert)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Hashrate (%1)</source>
        <extracomment>Chart axis title: %1 is the unit (H/s, kH/s, MH/s)</extracomment>
        <translation>Hashrate (%1)</translation>
    </message>
</context>
<context>
    <name>lethean::ui::HistoryWorker</name>
    <message>
        <source>The SQLite driver for Qt is not installed (Debian package libqt6sql6-sqlite).</source>
        <translation>Der SQLite-Treiber für Qt ist nicht installiert (Debian-Paket libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <source>Cannot open the history database %1: %2</source>
        <translation>Die Verlaufsdatenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The history database %1 cannot be used (damaged, or not a database).</source>
        <translation>Die Verlaufsdatenbank %1 ist nicht verwendbar (beschädigt oder keine Datenbank).</translation>
    </message>
    <message>
        <source>The hashrate history could not be saved: %1</source>
        <translation>Der Hashrate-Verlauf konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The history database is not open.</source>
        <translation>Die Verlaufsdatenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>Reading the history failed: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>lethean::ui::LogModel</name>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Component</source>
        <extracomment>Column header: the part of the node that wrote the line (transport, peers…)</extracomment>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>lethean::ui::LogPage</name>
    <message>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Minimum level</source>
        <translation>Mindeststufe</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Search the log…</source>
        <translation>Protokoll durchsuchen…</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Protokoll durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>&amp;Mitlaufen</translation>
    </message>
    <message>
        <source>Keep the newest line in view as lines arrive</source>
        <translation>Die neueste Zeile im Blick behalten, während Zeilen eintreffen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected lines, or every shown line when none is selected</source>
        <translation>Die ausgewählten Zeilen kopieren, oder alle angezeigten, wenn keine ausgewählt ist</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>Save the shown lines to a text file</source>
        <translation>Die angezeigten Zeilen in einer Textdatei speichern</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
    <message>
        <source>Save the log</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Protokolldateien (*.log *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Could not save the log: %1</source>
        <translation>Das Protokoll konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>%1 of %2 lines</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
    <message>
        <source>Lines copied: %1</source>
        <translation>Kopierte Zeilen: %1</translation>
    </message>
    <message>
        <source>Lines saved to %1: %2</source>
        <translation>In %1 gespeicherte Zeilen: %2</translation>
    </message>
</context>
<context>
    <name>lethean::ui::MainWindow</name>
    <message>
        <source>Lethean Desktop</source>
        <translation>Lethean Desktop</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Peers</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Lethean Desktop</source>
        <translation>&amp;Über Lethean Desktop</translation>
    </message>
    <message>
        <source>The node is stopped.</source>
        <translation>Der Knoten ist angehalten.</translation>
    </message>
    <message>
        <source>Starting the node…</source>
        <translation>Der Knoten wird gestartet…</translation>
    </message>
    <message>
        <source>The node could not start: %1</source>
        <translation>Der Knoten konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Not accepting connections: %1</source>
        <extracomment>%1 is the reason, e.g. &quot;cannot listen on 0.0.0.0 port 9091: The bound address is already in use&quot;</extracomment>
        <translation>Keine eingehenden Verbindungen: %1</translation>
    </message>
    <message>
        <source>Running; not listening.</source>
        <translation>Läuft; nimmt keine Verbindungen an.</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Erreichbar unter %1</translation>
    </message>
    <message>
        <source>Other nodes cannot connect to this one, but it can still connect to them. Free the port or start Lethean Desktop with --listen to use another one.</source>
        <translation>Andere Knoten können sich nicht mit diesem verbinden, er selbst kann sich aber mit ihnen verbinden. Geben Sie den Port frei oder starten Sie Lethean Desktop mit --listen, um einen anderen zu verwenden.</translation>
    </message>
    <message>
        <source>Node %1 (%2)
Data folder: %3</source>
        <translation>Knoten %1 (%2)
Datenordner: %3</translation>
    </message>
    <message>
        <source>About Lethean Desktop</source>
        <translation>Über Lethean Desktop</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Lethean Desktop %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Watch and control the miners on your rigs over an encrypted peer-to-peer mesh.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Lethean Desktop %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Überwachen und steuern Sie die Miner auf Ihren Rigs über ein verschlüsseltes Peer-to-Peer-Netz.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Peers online: %1 of %2</source>
        <extracomment>Status bar: %1 peers connected out of %2 known</extracomment>
        <translation>Peers online: %1 von %2</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Miners</source>
        <translation>Miner</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>The rig history is not kept: %1</source>
        <translation>Der Rig-Verlauf wird nicht aufgezeichnet: %1</translation>
    </message>
    <message>
        <source>Quit Lethean Desktop?</source>
        <translation>Lethean Desktop beenden?</translation>
    </message>
    <message numerus="yes">
        <source>%n miner(s) on this computer will stop when Lethean Desktop quits. Your other rigs keep mining.</source>
        <translation>
            <numerusform>%n Miner auf diesem Computer wird beim Beenden von Lethean Desktop angehalten. Ihre anderen Rigs schürfen weiter.</numerusform>
            <numerusform>%n Miner auf diesem Computer werden beim Beenden von Lethean Desktop angehalten. Ihre anderen Rigs schürfen weiter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lethean::ui::MinerLogView</name>
    <message>
        <source>Filter lines…</source>
        <translation>Zeilen filtern…</translation>
    </message>
    <message>
        <source>Filter the miner log</source>
        <translation>Das Miner-Protokoll filtern</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>&amp;Mitlaufen</translation>
    </message>
    <message>
        <source>Keep fetching the newest lines and stay at the bottom</source>
        <translation>Laufend die neuesten Zeilen abrufen und am Ende bleiben</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Akt&amp;ualisieren</translation>
    </message>
    <message>
        <source>Fetch the latest lines from the rig now</source>
        <translation>Die neuesten Zeilen jetzt vom Rig abrufen</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected text, or every shown line</source>
        <translation>Den ausgewählten Text kopieren, oder alle angezeigten Zeilen</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>Spei&amp;chern…</translation>
    </message>
    <message>
        <source>Save the shown lines to a file</source>
        <translation>Die angezeigten Zeilen in einer Datei speichern</translation>
    </message>
    <message>
        <source>Miner log</source>
        <translation>Miner-Protokoll</translation>
    </message>
    <message>
        <source>Choose a miner to see its log.</source>
        <translation>Wählen Sie einen Miner, um sein Protokoll zu sehen.</translation>
    </message>
    <message>
        <source>%1 of %2 lines</source>
        <extracomment>%1 lines shown of %2 received</extracomment>
        <translation>%1 von %2 Zeilen</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n line(s) to %1</source>
        <translation>
            <numerusform>%n Zeile in %1 gespeichert</numerusform>
            <numerusform>%n Zeilen in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save to %1: %2</source>
        <translation>In %1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Save the miner log</source>
        <translation>Miner-Protokoll speichern</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Protokolldateien (*.log *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Which lines to show</source>
        <translation>Welche Zeilen angezeigt werden</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>Alle Zeilen</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
</context>
<context>
    <name>lethean::ui::MinerTableModel</name>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <source>Miner</source>
        <translation>Miner</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>10 s</source>
        <translation>10 s</translation>
    </message>
    <message>
        <source>60 s</source>
        <translation>60 s</translation>
    </message>
    <message>
        <source>15 min</source>
        <translation>15 min</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Akzeptiert</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>GPU temp.</source>
        <translation>GPU-Temp.</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Neustarts</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>Simuliert</translation>
    </message>
    <message>
        <source>Real</source>
        <translation>Echt</translation>
    </message>
    <message>
        <source>Last supervisor event: %1</source>
        <translation>Letztes Ereignis der Prozessüberwachung: %1</translation>
    </message>
    <message>
        <source>Demo mode: a simulated miner makes these numbers up; nothing is mined.</source>
        <translation>Demo-Modus: Ein simulierter Miner erfindet diese Zahlen; es wird nichts geschürft.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2), %n CPU thread(s)</source>
        <translation>
            <numerusform>%1 (%2), %n CPU-Thread</numerusform>
            <numerusform>%1 (%2), %n CPU-Threads</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>lethean::ui::MinersPage</name>
    <message>
        <source>Rig</source>
        <translation>Rig</translation>
    </message>
    <message>
        <source>No rigs yet: pair one on the Peers page</source>
        <translation>Noch keine Rigs: Koppeln Sie eines auf der Seite Peers</translation>
    </message>
    <message>
        <source>&amp;Rig:</source>
        <translation>&amp;Rig:</translation>
    </message>
    <message>
        <source>Start a miner</source>
        <translation>Miner starten</translation>
    </message>
    <message>
        <source>Profile to start</source>
        <translation>Zu startendes Profil</translation>
    </message>
    <message>
        <source>No profiles yet: create one on the Profiles page</source>
        <translation>Noch keine Profile: Legen Sie eines auf der Seite Profile an</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start a miner on the rig with this profile</source>
        <translation>Einen Miner mit diesem Profil auf dem Rig starten</translation>
    </message>
    <message>
        <source>Miners on this rig</source>
        <translation>Miner auf diesem Rig</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;nhalten</translation>
    </message>
    <message>
        <source>Stop the selected miner</source>
        <translation>Den ausgewählten Miner anhalten</translation>
    </message>
    <message>
        <source>Miner log</source>
        <translation>Miner-Protokoll</translation>
    </message>
    <message>
        <source>Result of the last action</source>
        <translation>Ergebnis der letzten Aktion</translation>
    </message>
    <message>
        <source>No rigs are known yet.</source>
        <translation>Es sind noch keine Rigs bekannt.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Online, not answering: %1</source>
        <translation>Online, antwortet nicht: %1</translation>
    </message>
    <message>
        <source>Online, no miner running</source>
        <translation>Online, kein Miner läuft</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message numerus="yes">
        <source>Online, %n miner(s), %1</source>
        <extracomment>Rig summary: %n miners, %1 the total hashrate</extracomment>
        <translation>
            <numerusform>Online, %n Miner, %1</numerusform>
            <numerusform>Online, %n Miner, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>simulated</source>
        <translation>simuliert</translation>
    </message>
    <message>
        <source>%1 → %2, wallet %3</source>
        <extracomment>Profile summary: miner type, pool, wallet (shortened)</extracomment>
        <translation>%1 → %2, Wallet %3</translation>
    </message>
    <message>
        <source>The rig is offline</source>
        <translation>Das Rig ist offline</translation>
    </message>
    <message>
        <source>Choose a profile first</source>
        <translation>Wählen Sie zuerst ein Profil</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Fetching the log…</source>
        <translation>Protokoll wird abgerufen…</translation>
    </message>
    <message>
        <source>The profile %1 cannot be started: %2</source>
        <translation>Das Profil %1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Starting %1 on %2…</source>
        <translation>%1 wird auf %2 gestartet…</translation>
    </message>
    <message>
        <source>Started %1 on %2.</source>
        <translation>%1 auf %2 gestartet.</translation>
    </message>
    <message>
        <source>Could not start the miner on %1: %2</source>
        <translation>Der Miner konnte auf %1 nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Stopping %1 on %2…</source>
        <translation>%1 wird auf %2 angehalten…</translation>
    </message>
    <message>
        <source>Stopped %1 on %2.</source>
        <translation>%1 auf %2 angehalten.</translation>
    </message>
    <message>
        <source>Could not stop %1 on %2: %3</source>
        <translation>%1 konnte auf %2 nicht angehalten werden: %3</translation>
    </message>
    <message>
        <source>The miner has not logged anything yet.</source>
        <translation>Der Miner hat noch nichts protokolliert.</translation>
    </message>
    <message>
        <source>Could not fetch the log: %1</source>
        <translation>Das Protokoll konnte nicht abgerufen werden: %1</translation>
    </message>
</context>
<context>
    <name>lethean::ui::MiningCoordinator</name>
    <message>
        <source>the node is not running</source>
        <translation>der Knoten läuft nicht</translation>
    </message>
</context>
<context>
    <name>lethean::ui::NodeClient</name>
    <message>
        <source>this peer is not known any more</source>
        <translation>dieser Peer ist nicht mehr bekannt</translation>
    </message>
    <message>
        <source>no address is known for this peer: it has only ever connected to us</source>
        <translation>für diesen Peer ist keine Adresse bekannt: Er hat sich bisher nur mit uns verbunden</translation>
    </message>
    <message>
        <source>%1 (this computer)</source>
        <translation>%1 (dieser Computer)</translation>
    </message>
    <message>
        <source>this node runs no miners (controller role)</source>
        <translation>dieser Knoten betreibt keine Miner (Rolle Steuerung)</translation>
    </message>
    <message>
        <source>this node cannot control rigs (worker role)</source>
        <translation>dieser Knoten kann keine Rigs steuern (Rolle Worker)</translation>
    </message>
    <message>
        <source>there is no profile yet: create one on the Profiles page</source>
        <translation>es gibt noch kein Profil: Legen Sie eines auf der Seite Profile an</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 holds a miner or files, not a profile</source>
        <translation>%1 enthält einen Miner oder Dateien, kein Profil</translation>
    </message>
    <message>
        <source>the profile in %1 is not valid: %2</source>
        <translation>das Profil in %1 ist ungültig: %2</translation>
    </message>
</context>
<context>
    <name>lethean::ui::PeerTableModel</name>
    <message>
        <source>Controller</source>
        <translation>Steuerung</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Controller and worker</source>
        <extracomment>A node that both controls rigs and mines itself.</extracomment>
        <translation>Steuerung und Worker</translation>
    </message>
    <message>
        <source>ID</source>
        <extracomment>Column header: the peer&apos;s ID (a short prefix of a hash)</extracomment>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Hops</source>
        <translation>Hops</translation>
    </message>
    <message>
        <source>Score</source>
        <extracomment>Column header: how reliable the peer has been, 0 to 100</extracomment>
        <translation>Wertung</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Access</source>
        <extracomment>Column header: whether the peer is allowed in and which protocol it speaks</extracomment>
        <translation>Zugang</translation>
    </message>
    <message>
        <source>(inbound only)</source>
        <extracomment>Address cell of a peer that connected to us and gave no address to dial back</extracomment>
        <translation>(nur eingehend)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Online now</source>
        <translation>Jetzt online</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Allowlisted</source>
        <translation>Zugelassen</translation>
    </message>
    <message>
        <source>Not allowlisted</source>
        <translation>Nicht zugelassen</translation>
    </message>
    <message>
        <source>%1 · 1.0: no forward secrecy</source>
        <extracomment>%1 is &quot;Allowlisted&quot; or &quot;Not allowlisted&quot;; 1.0 is go-p2p&apos;s protocol version</extracomment>
        <translation>%1 · 1.0: keine Forward Secrecy</translation>
    </message>
    <message>
        <source>%1
Also tried: %2</source>
        <translation>%1
Ebenfalls versucht: %2</translation>
    </message>
    <message>
        <source>This peer speaks protocol 1.0 (go-p2p): traffic recorded today can be decrypted if either node&apos;s key is ever stolen. Update it to a version that speaks 2.0.</source>
        <translation>Dieser Peer spricht Protokoll 1.0 (go-p2p): Heute mitgeschnittener Verkehr kann entschlüsselt werden, falls der Schlüssel eines der beiden Knoten jemals gestohlen wird. Aktualisieren Sie ihn auf eine Version, die 2.0 spricht.</translation>
    </message>
    <message>
        <source>%1 is online</source>
        <translation>%1 ist online</translation>
    </message>
    <message>
        <source>%1 is offline</source>
        <translation>%1 ist offline</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>%1 is &quot;Allowlisted&quot; or &quot;Not allowlisted&quot;, %2 the protocol version (2.0)</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1, protocol %2 (with forward secrecy)</source>
        <translation>%1, Protokoll %2 (mit Forward Secrecy)</translation>
    </message>
</context>
<context>
    <name>lethean::ui::PeersPage</name>
    <message>
        <source>My pairing code</source>
        <translation>Mein Kopplungscode</translation>
    </message>
    <message>
        <source>Another node adds this one with this code (Peers → Add on the desktop, or lethean-node peers add on a rig).</source>
        <translation>Mit diesem Code fügt ein anderer Knoten diesen hinzu (Peers → Hinzufügen am Desktop oder lethean-node peers add auf einem Rig).</translation>
    </message>
    <message>
        <source>Starting the node…</source>
        <translation>Der Knoten wird gestartet…</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the pairing code to the clipboard</source>
        <translation>Den Kopplungscode in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy my pairing code</source>
        <translation>Meinen Kopplungscode kopieren</translation>
    </message>
    <message>
        <source>Only paired peers may connect (a&amp;llowlist)</source>
        <translation>Nur gekoppelte Peers dürfen sich verbinden (&amp;Zulassungsliste)</translation>
    </message>
    <message>
        <source>Off: open mode, where any node that can reach this computer may connect</source>
        <translation>Aus: offener Modus, in dem sich jeder Knoten verbinden darf, der diesen Computer erreicht</translation>
    </message>
    <message>
        <source>My pairing code as a QR code</source>
        <translation>Mein Kopplungscode als QR-Code</translation>
    </message>
    <message>
        <source>Filter peers by ID, name, address…</source>
        <translation>Peers nach ID, Name, Adresse filtern…</translation>
    </message>
    <message>
        <source>Filter peers</source>
        <translation>Peers filtern</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Add a peer from its pairing code</source>
        <translation>Einen Peer mit seinem Kopplungscode hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>Forget the selected peer and stop allowing it in</source>
        <translation>Den ausgewählten Peer vergessen und nicht mehr zulassen</translation>
    </message>
    <message>
        <source>Re&amp;connect</source>
        <translation>&amp;Neu verbinden</translation>
    </message>
    <message>
        <source>Connect to the selected peer now</source>
        <translation>Jetzt mit dem ausgewählten Peer verbinden</translation>
    </message>
    <message>
        <source>Known peers</source>
        <translation>Bekannte Peers</translation>
    </message>
    <message>
        <source>Result of the last action</source>
        <translation>Ergebnis der letzten Aktion</translation>
    </message>
    <message>
        <source>Open mode: any node that can reach this computer may connect and control its miners.</source>
        <translation>Offener Modus: Jeder Knoten, der diesen Computer erreicht, darf sich verbinden und seine Miner steuern.</translation>
    </message>
    <message>
        <source>Open mode: any node that can reach port %1 of this computer may connect and control its miners.</source>
        <translation>Offener Modus: Jeder Knoten, der Port %1 dieses Computers erreicht, darf sich verbinden und seine Miner steuern.</translation>
    </message>
    <message>
        <source>Allow any node to connect?</source>
        <translation>Jedem Knoten die Verbindung erlauben?</translation>
    </message>
    <message>
        <source>In open mode any node that can reach this computer over the network may connect without being paired, and can then start, stop and reconfigure the miners here. Use it only on a network you trust completely.</source>
        <translation>Im offenen Modus darf sich jeder Knoten, der diesen Computer über das Netz erreicht, ohne Kopplung verbinden und dann die Miner hier starten, anhalten und umkonfigurieren. Verwenden Sie ihn nur in einem Netz, dem Sie vollständig vertrauen.</translation>
    </message>
    <message>
        <source>&amp;Open to everyone</source>
        <translation>Für &amp;alle öffnen</translation>
    </message>
    <message>
        <source>Could not save the access mode: %1</source>
        <translation>Der Zugangsmodus konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Any node may now connect (open mode).</source>
        <translation>Jetzt darf sich jeder Knoten verbinden (offener Modus).</translation>
    </message>
    <message>
        <source>Only paired peers may now connect.</source>
        <translation>Jetzt dürfen sich nur gekoppelte Peers verbinden.</translation>
    </message>
    <message>
        <source>Pairing code copied to the clipboard.</source>
        <translation>Kopplungscode in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Could not add the peer: %1</source>
        <translation>Der Peer konnte nicht hinzugefügt werden: %1</translation>
    </message>
    <message>
        <source>Added %1. Connecting…</source>
        <translation>%1 hinzugefügt. Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>Remove peer</source>
        <translation>Peer entfernen</translation>
    </message>
    <message>
        <source>Remove %1? It is disconnected, forgotten and no longer allowed in; to use it again, add it with its pairing code.</source>
        <translation>%1 entfernen? Die Verbindung wird getrennt, der Peer vergessen und nicht mehr zugelassen; um ihn wieder zu nutzen, fügen Sie ihn mit seinem Kopplungscode hinzu.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>%1 konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird aufgebaut…</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Keine Verbindung mit %1: %2</translation>
    </message>
    <message>
        <source>Connected to %1 over protocol 1.0, without forward secrecy.</source>
        <translation>Mit %1 über Protokoll 1.0 verbunden, ohne Forward Secrecy.</translation>
    </message>
    <message>
        <source>Connected to %1 (protocol %2).</source>
        <translation>Mit %1 verbunden (Protokoll %2).</translation>
    </message>
    <message>
        <source>This node is not accepting connections, so its code carries no address: other nodes cannot connect to it, but it can still connect to them.</source>
        <translation>Dieser Knoten nimmt keine Verbindungen an, daher enthält sein Code keine Adresse: Andere Knoten können sich nicht mit ihm verbinden, er sich aber weiterhin mit ihnen.</translation>
    </message>
    <message>
        <source>Allow protocol &amp;1.0 (no forward secrecy)</source>
        <translation>Protokoll &amp;1.0 erlauben (ohne Forward Secrecy)</translation>
    </message>
    <message>
        <source>This peer has spoken protocol 2.0, so a 1.0 connection from it is refused as a possible downgrade attack. Allow it only for a peer you know runs an older version again.</source>
        <translation>Dieser Peer hat bereits Protokoll 2.0 gesprochen, daher wird eine 1.0-Verbindung von ihm als möglicher Downgrade-Angriff abgelehnt. Erlauben Sie sie nur für einen Peer, von dem Sie wissen, dass er wieder eine ältere Version ausführt.</translation>
    </message>
    <message>
        <source>Could not change %1: %2</source>
        <translation>%1 konnte nicht geändert werden: %2</translation>
    </message>
    <message>
        <source>%1 may connect over protocol 1.0 again (without forward secrecy).</source>
        <translation>%1 darf sich wieder über Protokoll 1.0 verbinden (ohne Forward Secrecy).</translation>
    </message>
    <message>
        <source>%1 must use protocol 2.0 again.</source>
        <translation>%1 muss wieder Protokoll 2.0 verwenden.</translation>
    </message>
</context>
<context>
    <name>lethean::ui::ProfileEditor</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>Letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos; and spaces; it becomes a file name on the rig</source>
        <translation>Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos;, &apos;.&apos; und Leerzeichen; der Name wird zum Dateinamen auf dem Rig</translation>
    </message>
    <message>
        <source>XMRig</source>
        <translation>XMRig</translation>
    </message>
    <message>
        <source>Simulated (demo mode)</source>
        <translation>Simuliert (Demo-Modus)</translation>
    </message>
    <message>
        <source>&amp;Miner:</source>
        <translation>&amp;Miner:</translation>
    </message>
    <message>
        <source>Miner</source>
        <translation>Miner</translation>
    </message>
    <message>
        <source>The simulated miner makes numbers up: for trying the app without mining</source>
        <translation>Der simulierte Miner erfindet Zahlen: zum Ausprobieren der App ohne Mining</translation>
    </message>
    <message>
        <source>&amp;Pool:</source>
        <translation>&amp;Pool:</translation>
    </message>
    <message>
        <source>Pool address</source>
        <translation>Pool-Adresse</translation>
    </message>
    <message>
        <source>The pool&apos;s address: stratum+tcp://host:port, stratum+ssl://host:port or host:port</source>
        <translation>Die Adresse des Pools: stratum+tcp://host:port, stratum+ssl://host:port oder host:port</translation>
    </message>
    <message>
        <source>&amp;Wallet:</source>
        <translation>&amp;Wallet:</translation>
    </message>
    <message>
        <source>Wallet address</source>
        <translation>Wallet-Adresse</translation>
    </message>
    <message>
        <source>The address the pool pays to</source>
        <translation>Die Adresse, an die der Pool auszahlt</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>W&amp;orker name:</source>
        <translation>W&amp;orker-Name:</translation>
    </message>
    <message>
        <source>Worker name</source>
        <translation>Worker-Name</translation>
    </message>
    <message>
        <source>How the pool names this rig (XMRig&apos;s rig-id); may be empty</source>
        <translation>Unter welchem Namen der Pool dieses Rig führt (rig-id von XMRig); darf leer sein</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>&amp;Threads:</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>CPU threads to mine with; Automatic lets the miner decide</source>
        <translation>CPU-Threads zum Schürfen; bei Automatisch entscheidet der Miner</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>&amp;Donate level:</source>
        <translation>Sp&amp;endenanteil:</translation>
    </message>
    <message>
        <source>Donate level</source>
        <translation>Spendenanteil</translation>
    </message>
    <message>
        <source>The share of time XMRig mines for its developers</source>
        <translation>Der Anteil der Zeit, in dem XMRig für seine Entwickler schürft</translation>
    </message>
    <message>
        <source>E&amp;xtra arguments:</source>
        <translation>&amp;Zusätzliche Argumente:</translation>
    </message>
    <message>
        <source>Extra miner arguments</source>
        <translation>Zusätzliche Miner-Argumente</translation>
    </message>
    <message>
        <source>Passed to the miner after the profile&apos;s own; separate them with spaces, quote one with spaces</source>
        <translation>Werden dem Miner nach denen des Profils übergeben; durch Leerzeichen trennen, ein Argument mit Leerzeichen in Anführungszeichen setzen</translation>
    </message>
</context>
<context>
    <name>lethean::ui::ProfilesPage</name>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>Use at least %1 characters.</source>
        <translation>Verwenden Sie mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Geben Sie die Passphrase ein.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the profile on this computer</source>
        <translation>Das Profil auf diesem Computer speichern</translation>
    </message>
    <message>
        <source>Result of the last action</source>
        <translation>Ergebnis der letzten Aktion</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>Ne&amp;u</translation>
    </message>
    <message>
        <source>Start a new profile</source>
        <translation>Ein neues Profil anlegen</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected profile from this computer</source>
        <translation>Das ausgewählte Profil von diesem Computer löschen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Read a profile from a passphrase-sealed file</source>
        <translation>Ein Profil aus einer mit Passphrase versiegelten Datei lesen</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Write the profile to a file sealed with a passphrase</source>
        <translation>Das Profil in eine mit Passphrase versiegelte Datei schreiben</translation>
    </message>
    <message>
        <source>Deploy to rigs</source>
        <translation>An Rigs verteilen</translation>
    </message>
    <message>
        <source>Rigs to deploy the profile to</source>
        <translation>Rigs, an die das Profil verteilt wird</translation>
    </message>
    <message>
        <source>Rig</source>
        <translation>Rig</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Deploy</source>
        <translation>&amp;Verteilen</translation>
    </message>
    <message>
        <source>Send the profile to every checked rig</source>
        <translation>Das Profil an jedes markierte Rig senden</translation>
    </message>
    <message>
        <source>Deploy progress</source>
        <translation>Fortschritt der Verteilung</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>The profile has changes that are not saved. Discard them?</source>
        <translation>Das Profil hat ungespeicherte Änderungen. Sollen sie verworfen werden?</translation>
    </message>
    <message>
        <source>Fix the marked fields before saving.</source>
        <translation>Korrigieren Sie vor dem Speichern die markierten Felder.</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <source>Delete the profile %1 from this computer? Rigs that have it keep their copy.</source>
        <translation>Das Profil %1 von diesem Computer löschen? Rigs, die es haben, behalten ihre Kopie.</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>%1 wird gelöscht…</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>%1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>Check the rigs to deploy to first.</source>
        <translation>Markieren Sie zuerst die Rigs, an die verteilt werden soll.</translation>
    </message>
    <message>
        <source>Fix the marked fields before deploying.</source>
        <translation>Korrigieren Sie vor dem Verteilen die markierten Felder.</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>Wartet…</translation>
    </message>
    <message numerus="yes">
        <source>Deploying %1 to %n rig(s)…</source>
        <translation>
            <numerusform>%1 wird an %n Rig verteilt…</numerusform>
            <numerusform>%1 wird an %n Rigs verteilt…</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>Verteilt</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Deploy finished.</source>
        <translation>Verteilung abgeschlossen.</translation>
    </message>
    <message>
        <source>Fix the marked fields before exporting.</source>
        <translation>Korrigieren Sie vor dem Exportieren die markierten Felder.</translation>
    </message>
    <message>
        <source>Export profile</source>
        <translation>Profil exportieren</translation>
    </message>
    <message>
        <source>Sealed profiles (*.bundle);;All files (*)</source>
        <translation>Versiegelte Profile (*.bundle);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Seal the profile with a passphrase</source>
        <translation>Das Profil mit einer Passphrase versiegeln</translation>
    </message>
    <message>
        <source>Import profile</source>
        <translation>Profil importieren</translation>
    </message>
    <message>
        <source>Passphrase of the sealed profile</source>
        <translation>Passphrase des versiegelten Profils</translation>
    </message>
    <message>
        <source>Use a passphrase of at least %1 characters.</source>
        <translation>Verwenden Sie eine Passphrase mit mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1 läuft…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Could not export to %1: %2</source>
        <translation>Export nach %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Could not import the profile: %1</source>
        <translation>Das Profil konnte nicht importiert werden: %1</translation>
    </message>
    <message>
        <source>Imported %1: review it, then save.</source>
        <translation>%1 importiert: Bitte prüfen und dann speichern.</translation>
    </message>
    <message>
        <source>Check &amp;all online rigs</source>
        <translation>Alle Online-Rigs ma&amp;rkieren</translation>
    </message>
</context>
<context>
    <name>lethean::ui::QrCodeWidget</name>
    <message>
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
</context>
<context>
    <name>lethean::ui::RigNotifier</name>
    <message>
        <source>%1 answers again after %2.</source>
        <extracomment>%1 is the rig&apos;s name in quotes, %2 how long it was away (&quot;3 min 10 s&quot;)</extracomment>
        <translation>%1 antwortet nach %2 wieder.</translation>
    </message>
    <message>
        <source>Rig back online</source>
        <translation>Rig wieder online</translation>
    </message>
    <message>
        <source>%1 stopped answering.</source>
        <extracomment>%1 is the rig&apos;s name in quotes</extracomment>
        <translation>%1 antwortet nicht mehr.</translation>
    </message>
    <message>
        <source>Rig offline</source>
        <translation>Rig offline</translation>
    </message>
    <message>
        <source>%1 is connected but stopped answering: %2.</source>
        <extracomment>%1 is the rig&apos;s name in quotes, %2 the error (e.g. &quot;request timeout&quot;)</extracomment>
        <translation>%1 ist verbunden, antwortet aber nicht mehr: %2.</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>Miner %1 on %2 stopped for good: %3</source>
        <extracomment>%1 the miner&apos;s name, %2 the rig&apos;s name in quotes, %3 the supervisor&apos;s reason</extracomment>
        <translation>Miner %1 auf %2 wurde endgültig angehalten: %3</translation>
    </message>
    <message>
        <source>Miner failed</source>
        <translation>Miner ausgefallen</translation>
    </message>
    <message>
        <source>Miner %1 on %2 crashed and was restarted.</source>
        <extracomment>%1 the miner&apos;s name, %2 the rig&apos;s name in quotes</extracomment>
        <translation>Miner %1 auf %2 ist abgestürzt und wurde neu gestartet.</translation>
    </message>
    <message>
        <source>Miner crashed</source>
        <translation>Miner abgestürzt</translation>
    </message>
    <message>
        <source>Miner %1 on %2 crashed (%3) and was restarted.</source>
        <extracomment>%1 the miner&apos;s name, %2 the rig&apos;s name in quotes, %3 why (e.g. &quot;exit code 1&quot;)</extracomment>
        <translation>Miner %1 auf %2 ist abgestürzt (%3) und wurde neu gestartet.</translation>
    </message>
    <message>
        <source>%1 is back to %2.</source>
        <extracomment>%1 the rig&apos;s name in quotes, %2 its hashrate now</extracomment>
        <translation>%1 ist wieder bei %2.</translation>
    </message>
    <message>
        <source>Hashrate recovered</source>
        <translation>Hashrate erholt</translation>
    </message>
    <message>
        <source>%1 has mined at %2 for %3, %4% below its usual %5.</source>
        <extracomment>%1 the rig&apos;s name in quotes, %2 its hashrate now, %3 for how long (&quot;5 min 10 s&quot;), %4 the drop in per cent, %5 its usual hashrate</extracomment>
        <translation>%1 schürft seit %3 mit %2, %4 % unter den üblichen %5.</translation>
    </message>
    <message>
        <source>Hashrate dropped</source>
        <translation>Hashrate gefallen</translation>
    </message>
    <message>
        <source>unnamed rig</source>
        <translation>unbenanntes Rig</translation>
    </message>
    <message>
        <source>“%1” (simulated)</source>
        <extracomment>A demo rig&apos;s name in a notification (its miners are simulated)</extracomment>
        <translation>„%1“ (simuliert)</translation>
    </message>
    <message>
        <source>“%1”</source>
        <extracomment>A rig&apos;s name in a notification</extracomment>
        <translation>„%1“</translation>
    </message>
</context>
<context>
    <name>lethean::ui::RigTableModel</name>
    <message>
        <source>Hashrate averaged over the last 10 seconds, all miners of the rig together</source>
        <translation>Hashrate, gemittelt über die letzten 10 Sekunden, alle Miner des Rigs zusammen</translation>
    </message>
    <message>
        <source>Hashrate averaged over the last 60 seconds</source>
        <translation>Hashrate, gemittelt über die letzten 60 Sekunden</translation>
    </message>
    <message>
        <source>Shares the pool accepted since the miners started</source>
        <translation>Vom Pool akzeptierte Shares seit dem Start der Miner</translation>
    </message>
    <message>
        <source>Shares the pool rejected since the miners started</source>
        <translation>Vom Pool abgelehnte Shares seit dem Start der Miner</translation>
    </message>
    <message>
        <source>How reliably the rig answers (0 to 100)</source>
        <translation>Wie zuverlässig das Rig antwortet (0 bis 100)</translation>
    </message>
    <message>
        <source>Protocol version of the connection; 1.0 has no forward secrecy</source>
        <translation>Protokollversion der Verbindung; 1.0 hat keine Forward Secrecy</translation>
    </message>
    <message>
        <source>Rig</source>
        <translation>Rig</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Miner</source>
        <translation>Miner</translation>
    </message>
    <message>
        <source>Hashrate 10 s</source>
        <translation>Hashrate 10 s</translation>
    </message>
    <message>
        <source>Hashrate 60 s</source>
        <translation>Hashrate 60 s</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Akzeptiert</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>GPU temp.</source>
        <translation>GPU-Temp.</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wertung</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Not answering</source>
        <translation>Antwortet nicht</translation>
    </message>
    <message>
        <source>No miner</source>
        <translation>Kein Miner</translation>
    </message>
    <message numerus="yes">
        <source>max %1 °C (%n GPUs)</source>
        <extracomment>The hottest of several GPUs: %1 the temperature, %n the number of GPUs</extracomment>
        <translation>
            <numerusform>max. %1 °C (%n GPU)</numerusform>
            <numerusform>max. %1 °C (%n GPUs)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 — no forward secrecy</source>
        <extracomment>Protocol 1.0 connections are encrypted with a fixed key: a stolen key reveals old traffic</extracomment>
        <translation>%1 — keine Forward Secrecy</translation>
    </message>
    <message>
        <source>%1
ID %2
Node up for %3</source>
        <translation>%1
ID %2
Knoten läuft seit %3</translation>
    </message>
    <message>
        <source>Connected, but the last request for stats failed: %1</source>
        <translation>Verbunden, aber die letzte Abfrage der Statistik ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message numerus="yes">
        <source>restarted %n time(s)</source>
        <translation>
            <numerusform>%n-mal neu gestartet</numerusform>
            <numerusform>%n-mal neu gestartet</numerusform>
        </translation>
    </message>
    <message>
        <source>This rig speaks protocol 1.0: its traffic is encrypted with a key derived from the two identities, so anyone who later steals a key can read recorded traffic. Update the rig to protocol 2.0.</source>
        <translation>Dieses Rig spricht Protokoll 1.0: Sein Verkehr wird mit einem Schlüssel verschlüsselt, der aus den beiden Identitäten abgeleitet ist, sodass jeder, der später einen Schlüssel stiehlt, mitgeschnittenen Verkehr lesen kann. Aktualisieren Sie das Rig auf Protokoll 2.0.</translation>
    </message>
    <message>
        <source>Demo mode: these numbers are made up by a simulated miner, nothing is being mined.</source>
        <translation>Demo-Modus: Diese Zahlen erfindet ein simulierter Miner, es wird nichts geschürft.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>%1 (simulated)</source>
        <extracomment>A demo miner&apos;s state: %1 is the state (Running, …)</extracomment>
        <translation>%1 (simuliert)</translation>
    </message>
</context>
<context>
    <name>lethean::ui::SettingsPage</name>
    <message>
        <source>Some changes take effect when the node restarts. Miners on this computer keep running; connections to peers are made again.</source>
        <translation>Manche Änderungen werden erst wirksam, wenn der Knoten neu startet. Miner auf diesem Computer laufen weiter; die Verbindungen zu Peers werden neu aufgebaut.</translation>
    </message>
    <message>
        <source>&amp;Restart node now</source>
        <translation>&amp;Knoten jetzt neu starten</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation>Datei für %1 wählen</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Node name</source>
        <translation>Knotenname</translation>
    </message>
    <message>
        <source>the computer&apos;s name</source>
        <translation>der Name des Computers</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Controller and rig (dual)</source>
        <translation>Steuerung und Rig (beides)</translation>
    </message>
    <message>
        <source>Controller only (watch other rigs)</source>
        <translation>Nur Steuerung (andere Rigs überwachen)</translation>
    </message>
    <message>
        <source>Rig only (mine, controlled by others)</source>
        <translation>Nur Rig (schürft, von anderen gesteuert)</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>Empfangsadresse</translation>
    </message>
    <message>
        <source>every interface</source>
        <translation>alle Schnittstellen</translation>
    </message>
    <message>
        <source>&amp;Listen address:</source>
        <translation>&amp;Empfangsadresse:</translation>
    </message>
    <message>
        <source>Listen port</source>
        <translation>Empfangsport</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>a self-signed one</source>
        <translation>automatisch (selbstsigniert)</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS-Zert&amp;ifikat:</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS-Zertifikat</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>TLS-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>TLS-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>Privater TLS-Schlüssel</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>TLS key file</source>
        <translation>TLS-Schlüsseldatei</translation>
    </message>
    <message>
        <source>Who may connect</source>
        <translation>Wer sich verbinden darf</translation>
    </message>
    <message>
        <source>Only paired peers (allowlist)</source>
        <translation>Nur gekoppelte Peers (Zulassungsliste)</translation>
    </message>
    <message>
        <source>Anyone who can reach this computer (open)</source>
        <translation>Jeder, der diesen Computer erreicht (offen)</translation>
    </message>
    <message>
        <source>&amp;Who may connect:</source>
        <translation>&amp;Wer sich verbinden darf:</translation>
    </message>
    <message>
        <source>Require protocol &amp;2.0 (refuse links without forward secrecy)</source>
        <translation>Protokoll &amp;2.0 verlangen (Verbindungen ohne Forward Secrecy ablehnen)</translation>
    </message>
    <message>
        <source>Go nodes and older rigs speak only 1.0 and will not be able to connect</source>
        <translation>Go-Knoten und ältere Rigs sprechen nur 1.0 und können sich dann nicht mehr verbinden</translation>
    </message>
    <message>
        <source>Mining</source>
        <translation>Mining</translation>
    </message>
    <message>
        <source>xmrig on the PATH</source>
        <translation>xmrig aus dem PATH</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>Prü&amp;fen</translation>
    </message>
    <message>
        <source>Run the miner with --version to see that it works</source>
        <translation>Den Miner mit --version ausführen, um zu sehen, ob er funktioniert</translation>
    </message>
    <message>
        <source>Miner program</source>
        <translation>Miner-Programm</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Miner program:</source>
        <translation>&amp;Miner-Programm:</translation>
    </message>
    <message>
        <source>&amp;Demo mode: simulated miners, nothing is mined</source>
        <translation>Demo-M&amp;odus: simulierte Miner, es wird nichts geschürft</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>Minimiert im Systembereich s&amp;tarten</translation>
    </message>
    <message>
        <source>Start when I &amp;log in</source>
        <translation>Beim Anme&amp;lden starten</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>The language changes the next time Lethean Desktop starts.</source>
        <translation>Die Sprache wechselt beim nächsten Start von Lethean Desktop.</translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation>Spra&amp;che:</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Tell me when a rig&apos;s hashrate drops by more than:</source>
        <translation>Benachrichtigen, wenn die Hashrate eines Rigs um mehr als diesen Wert fällt:</translation>
    </message>
    <message>
        <source>Hashrate drop in percent</source>
        <translation>Hashrate-Rückgang in Prozent</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>&amp;Drop:</source>
        <translation>Rückgan&amp;g:</translation>
    </message>
    <message>
        <source>For at least this many minutes</source>
        <translation>Mindestens so viele Minuten lang</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>For at &amp;least:</source>
        <translation>Mindestda&amp;uer:</translation>
    </message>
    <message>
        <source>Give both the certificate and its key, or neither (a self-signed certificate is made).</source>
        <translation>Geben Sie das Zertifikat und seinen Schlüssel an, oder keines von beiden (dann wird ein selbstsigniertes Zertifikat erzeugt).</translation>
    </message>
    <message>
        <source>The certificate file %1 cannot be read.</source>
        <translation>Die Zertifikatsdatei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The key file %1 cannot be read.</source>
        <translation>Die Schlüsseldatei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>No miner program is set and xmrig is not on the PATH. Choose the program, or use demo mode.</source>
        <translation>Es ist kein Miner-Programm eingestellt und xmrig ist nicht im PATH. Wählen Sie das Programm oder verwenden Sie den Demo-Modus.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>%1 ran, but printed no version.</source>
        <translation>%1 lief, hat aber keine Version ausgegeben.</translation>
    </message>
    <message>
        <source>Works: %1</source>
        <translation>Funktioniert: %1</translation>
    </message>
    <message>
        <source>%1 exited with code %2: %3</source>
        <translation>%1 wurde mit Code %2 beendet: %3</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 seconds.</source>
        <translation>%1 hat nicht innerhalb von %2 Sekunden geantwortet.</translation>
    </message>
    <message>
        <source>%1 crashed.</source>
        <translation>%1 ist abgestürzt.</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>%1 kann nicht ausgeführt werden: %2</translation>
    </message>
</context>
<context>
    <name>lethean::ui::TrayIcon</name>
    <message>
        <source>&amp;Show window</source>
        <translation>Fenster &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Quit Lethean Desktop</source>
        <translation>Lethean Desktop &amp;beenden</translation>
    </message>
    <message>
        <source>&amp;Hide window</source>
        <translation>Fenster &amp;ausblenden</translation>
    </message>
    <message>
        <source>Lethean Desktop is still running</source>
        <translation>Lethean Desktop läuft weiter</translation>
    </message>
    <message>
        <source>The node keeps running in the background. Use the tray icon to open the window or to quit.</source>
        <translation>Der Knoten läuft im Hintergrund weiter. Über das Symbol im Systembereich öffnen Sie das Fenster oder beenden das Programm.</translation>
    </message>
    <message>
        <source>Peers online: %1 of %2</source>
        <translation>Peers online: %1 von %2</translation>
    </message>
    <message>
        <source>S&amp;tart the miner on this computer</source>
        <translation>Miner auf diesem Computer s&amp;tarten</translation>
    </message>
    <message>
        <source>&amp;Pause all rigs</source>
        <translation>Alle Rigs &amp;pausieren</translation>
    </message>
    <message>
        <source>Rigs paused</source>
        <translation>Rigs pausiert</translation>
    </message>
    <message numerus="yes">
        <source>%n miner(s) stopped.</source>
        <translation>
            <numerusform>%n Miner angehalten.</numerusform>
            <numerusform>%n Miner angehalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Lethean Desktop</source>
        <translation>Lethean Desktop</translation>
    </message>
    <message>
        <source>Hashrate: %1 (%2 of %3 rigs mining)</source>
        <extracomment>Tray tooltip: %1 is a hashrate such as &quot;12.5 kH/s&quot;; %2 of %3 rigs are mining</extracomment>
        <translation>Hashrate: %1 (%2 von %3 Rigs schürfen)</translation>
    </message>
    <message>
        <source>Demo mode: simulated miners</source>
        <translation>Demo-Modus: simulierte Miner</translation>
    </message>
    <message numerus="yes">
        <source>%n rig(s) offline</source>
        <translation>
            <numerusform>%n Rig offline</numerusform>
            <numerusform>%n Rigs offline</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;top the miner on this computer</source>
        <translation>Miner auf diesem Computer a&amp;nhalten</translation>
    </message>
    <message>
        <source>The miner did not start</source>
        <translation>Der Miner ist nicht gestartet</translation>
    </message>
</context>
<context>
    <name>lethean::ui::WelcomeDialog</name>
    <message>
        <source>Welcome to Lethean Desktop</source>
        <translation>Willkommen bei Lethean Desktop</translation>
    </message>
    <message>
        <source>Lethean Desktop watches and steers the miners on all your rigs from this computer. It runs a node here that talks straight to the node on each rig, encrypted, with no server in between.</source>
        <translation>Lethean Desktop überwacht und steuert von diesem Computer aus die Miner auf all Ihren Rigs. Dazu läuft hier ein Knoten, der direkt und verschlüsselt mit dem Knoten auf jedem Rig spricht, ohne Server dazwischen.</translation>
    </message>
    <message>
        <source>&amp;Get started</source>
        <translation>&amp;Loslegen</translation>
    </message>
    <message>
        <source>Get started</source>
        <translation>Loslegen</translation>
    </message>
    <message>
        <source>Pair your first rig</source>
        <translation>Ihr erstes Rig koppeln</translation>
    </message>
    <message>
        <source>This node&apos;s pairing code</source>
        <translation>Kopplungscode dieses Knotens</translation>
    </message>
    <message>
        <source>Starting the node…</source>
        <translation>Der Knoten wird gestartet…</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the pairing code to the clipboard</source>
        <translation>Den Kopplungscode in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy the pairing code</source>
        <translation>Den Kopplungscode kopieren</translation>
    </message>
    <message>
        <source>This node&apos;s pairing code as a QR code</source>
        <translation>Kopplungscode dieses Knotens als QR-Code</translation>
    </message>
    <message>
        <source>Mining on this computer</source>
        <translation>Mining auf diesem Computer</translation>
    </message>
    <message>
        <source>Miner program found: %1. Start it on the Miners page, here or on any paired rig.</source>
        <extracomment>%1 is the miner program&apos;s path</extracomment>
        <translation>Miner-Programm gefunden: %1. Auf der Seite Miner starten Sie Miner hier oder auf jedem gekoppelten Rig.</translation>
    </message>
    <message>
        <source>No miner program was found: none is set in the settings and xmrig is not on the PATH. Install XMRig and choose it later under Settings → Mining, or try the app first with simulated miners.</source>
        <translation>Es wurde kein Miner-Programm gefunden: In den Einstellungen ist keines festgelegt und xmrig ist nicht im PATH. Installieren Sie XMRig und wählen Sie es später unter Einstellungen → Mining aus, oder probieren Sie die App zunächst mit simulierten Minern aus.</translation>
    </message>
    <message>
        <source>Start in &amp;demo mode (simulated miners, clearly marked)</source>
        <translation>Im &amp;Demo-Modus starten (simulierte Miner, deutlich gekennzeichnet)</translation>
    </message>
    <message>
        <source>Start in demo mode</source>
        <translation>Im Demo-Modus starten</translation>
    </message>
    <message>
        <source>Simulated miners make up their numbers and nothing is mined; every view marks them. Turn demo mode off under Settings → Mining.</source>
        <translation>Simulierte Miner erfinden ihre Zahlen, und es wird nichts geschürft; jede Ansicht kennzeichnet sie. Den Demo-Modus schalten Sie unter Einstellungen → Mining aus.</translation>
    </message>
    <message>
        <source>The QR code appears once the node has started.</source>
        <translation>Der QR-Code erscheint, sobald der Knoten gestartet ist.</translation>
    </message>
    <message>
        <source>This code is too long for a QR code: copy it instead.</source>
        <translation>Dieser Code ist zu lang für einen QR-Code: Kopieren Sie ihn stattdessen.</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Another node adds this one with the code below: run lethean‑node peers add with it on a rig, use Peers → Add on another desktop, or scan the QR code.</source>
        <extracomment>&quot;lethean‑node peers add&quot; is a command: keep it as it is (with its non-breaking hyphen)</extracomment>
        <translation>Ein anderer Knoten fügt diesen mit dem Code unten hinzu: Führen Sie damit lethean‑node peers add auf einem Rig aus, verwenden Sie Peers → Hinzufügen auf einem anderen Desktop, oder scannen Sie den QR-Code.</translation>
    </message>
    <message>
        <source>This computer&apos;s node is called “%1”. %2</source>
        <extracomment>%1 is this node&apos;s name, %2 the sentence on how another node adds it</extracomment>
        <translation>Der Knoten dieses Computers heißt „%1“. %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Address and port to accept peers on (default :9091, every interface).</source>
        <translation>Adresse und Port für eingehende Peers (Standard :9091, alle Schnittstellen).</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>Host:Port</translation>
    </message>
    <message>
        <source>Start in the system tray without showing the window (shown anyway when there is no tray).</source>
        <translation>Im Systembereich starten, ohne das Fenster zu zeigen (ohne Systembereich wird es trotzdem gezeigt).</translation>
    </message>
    <message>
        <source>Lethean Desktop: see and control the miners on all your rigs over an encrypted peer-to-peer mesh.</source>
        <translation>Lethean Desktop: die Miner auf allen Ihren Rigs über ein verschlüsseltes Peer-to-Peer-Netz sehen und steuern.</translation>
    </message>
    <message>
        <source>Lethean Desktop</source>
        <translation>Lethean Desktop</translation>
    </message>
</context>
</TS>
