<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
</context>
<context>
    <name>lethean::ui::QrCodeWidget</name>
    <message>
        <source>QR code</source>
        <translation>QR-Code</translation>
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
        <source>Lethean Desktop
%1
%2</source>
        <translation>Lethean Desktop
%1
%2</translation>
    </message>
    <message>
        <source>Lethean Desktop
%1</source>
        <translation>Lethean Desktop
%1</translation>
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
    <message>
        <source>The node could not start:
%1</source>
        <translation>Der Knoten konnte nicht starten:
%1</translation>
    </message>
</context>
</TS>
