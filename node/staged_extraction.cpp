#include "node/staged_extraction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace lethean::node {

StagedExtraction::StagedExtraction(std::unique_ptr<QTemporaryDir> staging, QString destination,
                                   ExtractReport report)
    : m_staging(std::move(staging)), m_destination(std::move(destination)), m_report(std::move(report))
{}

StagedExtraction::~StagedExtraction() = default;
StagedExtraction::StagedExtraction(StagedExtraction&&) noexcept = default;
StagedExtraction& StagedExtraction::operator=(StagedExtraction&&) noexcept = default;

QString StagedExtraction::stagingPath() const
{
    return m_staging ? m_staging->path() : QString();
}

Result<void, BundleError> StagedExtraction::commit()
{
    if (!m_staging)
        return fail(BundleError{BundleError::Code::Io, u"extract: nothing staged (already committed?)"_s});
    const QString staged = m_staging->path();
    const QFileInfo target(m_destination);
    const QString aside = target.absolutePath() +
                          u"/.%1.old-%2"_s.arg(target.fileName(), QUuid::createUuid().toString(QUuid::Id128));
    QDir parent(target.absolutePath());
    const bool hadPrevious = target.exists() || target.isSymLink();
    if (hadPrevious && !parent.rename(m_destination, aside))
        return fail(BundleError{BundleError::Code::Io,
                                u"extract: cannot move the previous %1 aside"_s.arg(m_destination)});
    if (!parent.rename(staged, m_destination)) {
        if (hadPrevious)
            parent.rename(aside, m_destination);
        return fail(BundleError{BundleError::Code::Io,
                                u"extract: cannot move the new files into %1"_s.arg(m_destination)});
    }
    m_staging->setAutoRemove(false);
    m_staging.reset();
    if (hadPrevious) {
        QFileInfo old(aside);
        if (old.isSymLink() || !old.isDir())
            QFile::remove(aside);
        else
            QDir(aside).removeRecursively();
    }
    return {};
}

} // namespace lethean::node
