#pragma once

// The Python interpreter that has python3-dissononce (the independent Noise implementation the Noise
// tests check ours against): LETHEAN_PYTHON, the first python3 on PATH, then Debian's (a pyenv or venv
// python3 earlier on PATH does not see Debian's dist-packages).

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <optional>

namespace lethean::test {

inline bool importsDissononce(const QString& python, int timeoutMs)
{
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"), QStringLiteral("import dissononce")});
    return probe.waitForFinished(timeoutMs) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
}

// The interpreter to use; otherwise nullopt, with what to tell the user (the candidates tried and how to
// get one) in *whyNot.
inline std::optional<QString> findDissononcePython(int timeoutMs, QString* whyNot)
{
    QStringList candidates;
    if (const QString configured = qEnvironmentVariable("LETHEAN_PYTHON"); !configured.isEmpty())
        candidates << configured;
    if (const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3")); !onPath.isEmpty())
        candidates << onPath;
    candidates << QStringLiteral("/usr/bin/python3");
    for (const QString& candidate : std::as_const(candidates)) {
        if (importsDissononce(candidate, timeoutMs))
            return candidate;
    }
    *whyNot = QStringLiteral("no python3 that imports dissononce (tried: %1); setup.sh installs "
                             "python3-dissononce, or set LETHEAN_PYTHON")
                  .arg(candidates.join(QStringLiteral(", ")));
    return std::nullopt;
}

} // namespace lethean::test
