// The files the package installs, checked by the tools a distribution checks them with (skipped, with
// the reason, where a tool is missing: setup.sh installs them from installer/debian-packages.txt), and
// the man pages kept in step with the programs' --help. Hostile input tried: unit files that
// ServiceInstaller writes for data dirs and options with spaces, quotes, '$', '%' and backslashes
// (systemd-analyze must accept them without a single warning).

#include "app/service_installer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using lethean::app::ServiceInstaller;

class TestPackageFiles : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QString m_sourceDir;
    QTemporaryDir m_dir;

    QString source(const QString& relative) const { return QDir(m_sourceDir).filePath(relative); }

    static QString readText(const QString& file)
    {
        QFile in(file);
        return in.open(QIODevice::ReadOnly) ? QString::fromUtf8(in.readAll()) : QString();
    }

    static void writeText(const QString& file, const QString& text)
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(text.toUtf8());
    }

    static Run run(const QString& program, const QStringList& arguments,
                   const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(program, arguments);
        if (!process.waitForFinished(60000))
            process.kill();
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    static QString tool(const char* name)
    {
        return QStandardPaths::findExecutable(QString::fromLatin1(name));
    }

    // `systemd-analyze --user verify` must accept the unit without any complaint: it only warns (exit 0)
    // about unknown keys or unbalanced quotes, so its output must be empty too.
    void verifyUnit(const QString& unitFile)
    {
        const QString analyze = tool("systemd-analyze");
        if (analyze.isEmpty())
            QSKIP("systemd-analyze is not installed (Debian: systemd)");
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_RUNTIME_DIR"_s, m_dir.path()); // --user needs one, even offline
        const Run result = run(analyze, {u"--user"_s, u"--man=no"_s, u"verify"_s, unitFile}, environment);
        QVERIFY2(result.exitCode == 0 && result.err.isEmpty() && result.out.isEmpty(),
                 qPrintable(result.out + result.err + readText(unitFile)));
    }

    // Every --option that `program arguments… --help` prints, as the man page must spell it (\-\-name).
    static QStringList helpOptions(const QString& program, const QStringList& arguments)
    {
        const Run help = run(program, arguments + QStringList{u"--help"_s});
        static const QRegularExpression option(u"^  (?:-\\w, )?--([a-z0-9-]+)"_s,
                                               QRegularExpression::MultilineOption);
        QStringList options;
        for (auto it = option.globalMatch(help.out); it.hasNext();)
            options << u"\\-\\-"_s + it.next().captured(1).replace(u'-', u"\\-"_s);
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sourceDir = qEnvironmentVariable("LETHEAN_SOURCE_DIR");
        QVERIFY2(QFileInfo(source(u"installer/lethean-node.service.in"_s)).isFile(),
                 "LETHEAN_SOURCE_DIR is not set");
        QVERIFY(m_dir.isValid());
    }

    void desktopFileValidates()
    {
        const QString validator = tool("desktop-file-validate");
        if (validator.isEmpty())
            QSKIP("desktop-file-validate is not installed (Debian: desktop-file-utils)");
        const Run result = run(validator, {source(u"resources/lethean-desktop.desktop"_s)});
        QVERIFY2(result.exitCode == 0 && result.out.isEmpty(), qPrintable(result.out + result.err));
    }

    void metainfoValidates()
    {
        const QString appstream = tool("appstreamcli");
        if (appstream.isEmpty())
            QSKIP("appstreamcli is not installed (Debian: appstream)");
        const Run result = run(appstream, {u"validate"_s, u"--no-net"_s,
                                           source(u"resources/io.lethean.Desktop.metainfo.xml"_s)});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    }

    // The menu entry, the metainfo and the icon must name each other the same way.
    void desktopIntegrationFilesAgree()
    {
        const QString desktop = readText(source(u"resources/lethean-desktop.desktop"_s));
        QVERIFY(desktop.contains(u"\nExec=lethean-desktop\n"_s));
        QVERIFY(desktop.contains(u"\nIcon=lethean-desktop\n"_s));
        const QString metainfo = readText(source(u"resources/io.lethean.Desktop.metainfo.xml"_s));
        QVERIFY(metainfo.contains(u"<launchable type=\"desktop-id\">lethean-desktop.desktop</launchable>"_s));
        QVERIFY(metainfo.contains(u"<binary>lethean-node</binary>"_s));

        QFile icon(source(u"resources/lethean-desktop.svg"_s));
        QVERIFY(icon.open(QIODevice::ReadOnly));
        QXmlStreamReader svg(&icon);
        QVERIFY(svg.readNextStartElement());
        QCOMPARE(svg.name(), u"svg"_s);
        QCOMPARE(svg.attributes().value(u"viewBox"_s), u"0 0 128 128"_s); // square, as hicolor/scalable wants
        while (!svg.atEnd())
            svg.readNext();
        QVERIFY2(!svg.hasError(), qPrintable(svg.errorString()));
    }

    void packagedUnitVerifies()
    {
        const QString unit = readText(QStringLiteral(LETHEAN_PACKAGED_UNIT));
        const QString execStart = u"\nExecStart=lethean-node --data-dir %h/.local/share/lethean-node\n"_s;
        QVERIFY2(unit.contains(execStart), qPrintable(unit));
        QVERIFY(unit.contains(u"\nReadWritePaths=%h/.local/share/lethean-node\n"_s));
        QVERIFY(!unit.contains(u'@'));
        // systemd-analyze looks "lethean-node" up on the system (it is there once the package is):
        // check this copy with the built executable's path instead.
        const QString copy = QDir(m_dir.path()).filePath(u"lethean-node.service"_s);
        writeText(copy, QString(unit).replace(u"\nExecStart=lethean-node "_s,
                                              u"\nExecStart="_s + QStringLiteral(LETHEAN_NODE_BIN) + u' '));
        verifyUnit(copy);
    }

    void installerUnitVerifies_data()
    {
        QTest::addColumn<QString>("dataDir");
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("defaults") << QString() << QStringList();
        QTest::newRow("options") << u"/srv/rig"_s
                                 << QStringList{u"--listen"_s, u"127.0.0.1:9092"_s, u"--demo"_s};
        QTest::newRow("hostile") << u"/srv/my rig/50% \"x\" $HOME\\y"_s
                                 << QStringList{u"--name"_s, u"rig \"1\" $USER %h ; rm -rf /"_s};
    }

    void installerUnitVerifies()
    {
        QFETCH(QString, dataDir);
        QFETCH(QStringList, arguments);
        ServiceInstaller::Environment environment = ServiceInstaller::Environment::fromSystem();
        environment.defaultDataDir = u"/srv/lethean-node"_s;
        const QString unit =
            ServiceInstaller(environment).unitText({QStringLiteral(LETHEAN_NODE_BIN), arguments, dataDir});
        const QString file = QDir(m_dir.path()).filePath(u"lethean-node.service"_s);
        writeText(file, unit);
        verifyUnit(file);
    }

    void manPagesRender_data()
    {
        QTest::addColumn<QString>("page");
        QTest::newRow("lethean-node") << u"installer/man/lethean-node.1"_s;
        QTest::newRow("lethean-desktop") << u"installer/man/lethean-desktop.1"_s;
    }

    void manPagesRender()
    {
        QFETCH(QString, page);
        const QString groff = tool("groff");
        if (groff.isEmpty())
            QSKIP("groff is not installed (Debian: groff-base)");
        const Run result = run(groff, {u"-man"_s, u"-ww"_s, u"-z"_s, source(page)});
        QVERIFY2(result.exitCode == 0 && result.err.isEmpty(), qPrintable(result.err));
    }

    void manPagesDescribeEveryOption_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        const QString node = QStringLiteral(LETHEAN_NODE_BIN);
        QTest::newRow("lethean-node") << u"installer/man/lethean-node.1"_s << node << QStringList();
        const Run help = run(node, {u"--help"_s});
        static const QRegularExpression command(u"^  ([a-z]+)  +[A-Z]"_s,
                                                QRegularExpression::MultilineOption);
        const QString commands = help.out.section(u"Commands"_s, 1).section(u"Options:"_s, 0, 0);
        for (auto it = command.globalMatch(commands); it.hasNext();) {
            const QString name = it.next().captured(1);
            QTest::newRow(qPrintable(u"lethean-node "_s + name))
                << u"installer/man/lethean-node.1"_s << node << QStringList{name};
        }
#ifdef LETHEAN_DESKTOP_BIN
        QTest::newRow("lethean-desktop")
            << u"installer/man/lethean-desktop.1"_s << QStringLiteral(LETHEAN_DESKTOP_BIN) << QStringList();
#endif
    }

    void manPagesDescribeEveryOption()
    {
        QFETCH(QString, page);
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        const QString text = readText(source(page));
        QVERIFY(!text.isEmpty());
        if (!arguments.isEmpty()) {
            QVERIFY2(
                text.contains(u".SS \"lethean-node "_s + arguments.constFirst() + u' '),
                qPrintable(u"%1 has no section for the command '%2'"_s.arg(page, arguments.constFirst())));
        }
        const QStringList options = helpOptions(program, arguments);
        QVERIFY(options.contains(u"\\-\\-help"_s)); // the parse found the options at all
        for (const QString& option : options)
            QVERIFY2(text.contains(option),
                     qPrintable(u"%1 does not describe %2 (from %3 %4 --help)"_s.arg(
                         page, option, QFileInfo(program).fileName(), arguments.join(u' '))));
    }
};

QTEST_GUILESS_MAIN(TestPackageFiles)
#include "tst_package_files.moc"
