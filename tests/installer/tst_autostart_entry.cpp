// AutostartEntry: the desktop app's "start on login" file. Hostile input tried: executable paths with
// spaces, quotes, '$', '`', '%' and backslashes (the Exec line must keep them one literal argument:
// checked by desktop-file-validate where it is installed), a Hidden=true entry written by a session's
// own settings, and an XDG_CONFIG_HOME that is a file, not a folder.

#include "app/autostart_entry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::app::AutostartEntry;

class TestAutostartEntry : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<QByteArray> m_savedConfigHome;

    QString entryFile() const
    {
        return QDir(m_dir.path()).filePath(u"config/autostart/lethean-desktop.desktop"_s);
    }

    static QString readText(const QString& file)
    {
        QFile in(file);
        return in.open(QIODevice::ReadOnly) ? QString::fromUtf8(in.readAll()) : QString();
    }

    static QString execLine(const QString& text)
    {
        for (const QString& line : text.split(u'\n')) {
            if (line.startsWith(u"Exec="_s))
                return line;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariableIsSet("XDG_CONFIG_HOME"))
            m_savedConfigHome = qgetenv("XDG_CONFIG_HOME");
    }

    void init()
    {
        QDir(QDir(m_dir.path()).filePath(u"config"_s)).removeRecursively();
        qputenv("XDG_CONFIG_HOME", QDir(m_dir.path()).filePath(u"config"_s).toUtf8());
    }

    void cleanupTestCase()
    {
        if (m_savedConfigHome)
            qputenv("XDG_CONFIG_HOME", *m_savedConfigHome);
        else
            qunsetenv("XDG_CONFIG_HOME");
    }

    void enableWritesTheEntry()
    {
        const AutostartEntry entry(u"/usr/bin/lethean-desktop"_s);
        QCOMPARE(entry.filePath(), entryFile());
        QVERIFY(!entry.isEnabled());
        QVERIFY(entry.setEnabled(true));
        QVERIFY(entry.isEnabled());
        QCOMPARE(readText(entryFile()), u"[Desktop Entry]\n"
                                        "Type=Application\n"
                                        "Name=Lethean Desktop\n"
                                        "Comment=Watch your mining rigs from the tray\n"
                                        "Exec=/usr/bin/lethean-desktop --minimized\n"
                                        "Icon=lethean-desktop\n"
                                        "Terminal=false\n"
                                        "X-GNOME-Autostart-enabled=true\n"_s);
    }

    void enableAndDisableAreIdempotent()
    {
        const AutostartEntry entry(u"/usr/bin/lethean-desktop"_s);
        QVERIFY(entry.setEnabled(true));
        const QString first = readText(entryFile());
        QVERIFY(entry.setEnabled(true));
        QCOMPARE(readText(entryFile()), first);
        QVERIFY(entry.isEnabled());
        QVERIFY(entry.setEnabled(false));
        QVERIFY(!QFileInfo::exists(entryFile()));
        QVERIFY(!entry.isEnabled());
        QVERIFY(entry.setEnabled(false));
        QVERIFY(!entry.isEnabled());
        // Nothing else left in the autostart folder (no temporary files from the atomic write).
        QCOMPARE(QDir(QFileInfo(entryFile()).absolutePath()).entryList(QDir::Files | QDir::Hidden),
                 QStringList());
    }

    void hiddenEntryCountsAsDisabled()
    {
        QDir().mkpath(QFileInfo(entryFile()).absolutePath());
        QFile file(entryFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[Desktop Entry]\nType=Application\nExec=lethean-desktop --minimized\nHidden=true\n");
        file.close();
        const AutostartEntry entry(u"lethean-desktop"_s);
        QVERIFY(!entry.isEnabled());
        QVERIFY(entry.setEnabled(true)); // switching it on again replaces the hidden entry
        QVERIFY(entry.isEnabled());
    }

    void honoursXdgConfigHome()
    {
        const QString other = QDir(m_dir.path()).filePath(u"config/elsewhere"_s);
        qputenv("XDG_CONFIG_HOME", other.toUtf8());
        const AutostartEntry entry(u"lethean-desktop"_s);
        QCOMPARE(entry.filePath(), other + u"/autostart/lethean-desktop.desktop"_s);
        QVERIFY(entry.setEnabled(true));
        QVERIFY(QFileInfo::exists(other + u"/autostart/lethean-desktop.desktop"_s));
        QVERIFY(!QFileInfo::exists(entryFile()));
    }

    void defaultExecutableIsThisProgram()
    {
        QVERIFY(AutostartEntry().entryText().contains(u"\nExec="_s + QCoreApplication::applicationFilePath() +
                                                      u" --minimized\n"_s));
    }

    void executableIsQuoted_data()
    {
        QTest::addColumn<QString>("executable");
        QTest::addColumn<QString>("exec");
        QTest::newRow("plain") << u"/opt/lethean/lethean-desktop"_s
                               << u"Exec=/opt/lethean/lethean-desktop --minimized"_s;
        QTest::newRow("space") << u"/opt/my apps/lethean-desktop"_s
                               << u"Exec=\"/opt/my apps/lethean-desktop\" --minimized"_s;
        // Inside quotes '"', '`', '$' and '\' get a backslash; then every '\' is doubled (string value).
        QTest::newRow("quote and dollar") << u"/opt/a\"b$c/lethean-desktop"_s
                                          << u"Exec=\"/opt/a\\\\\"b\\\\$c/lethean-desktop\" --minimized"_s;
        QTest::newRow("backtick and backslash")
            << u"/opt/a`b\\c/lethean-desktop"_s
            << u"Exec=\"/opt/a\\\\`b\\\\\\\\c/lethean-desktop\" --minimized"_s;
        QTest::newRow("percent") << u"/opt/100%/lethean-desktop"_s
                                 << u"Exec=\"/opt/100%%/lethean-desktop\" --minimized"_s;
    }

    void executableIsQuoted()
    {
        QFETCH(QString, executable);
        QFETCH(QString, exec);
        const AutostartEntry entry(executable);
        QCOMPARE(execLine(entry.entryText()), exec);

        const QString validator = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
        if (validator.isEmpty())
            QSKIP("desktop-file-validate is not installed (Debian: desktop-file-utils)");
        QVERIFY(entry.setEnabled(true));
        QProcess process;
        process.start(validator, {entry.filePath()});
        QVERIFY(process.waitForFinished(30000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardOutput().constData());
    }

    void unwritableConfigHomeIsAnError()
    {
        const QString notAFolder = QDir(m_dir.path()).filePath(u"config/file"_s);
        QDir().mkpath(QFileInfo(notAFolder).absolutePath());
        QFile file(notAFolder);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        qputenv("XDG_CONFIG_HOME", notAFolder.toUtf8());
        const auto result = AutostartEntry(u"lethean-desktop"_s).setEnabled(true);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(notAFolder), qPrintable(result.error()));
    }
};

QTEST_GUILESS_MAIN(TestAutostartEntry)
#include "tst_autostart_entry.moc"
