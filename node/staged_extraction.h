#pragma once

#include "node/bundle_error.h"
#include "node/extract_limits.h"
#include "ueps/result.h"

#include <QString>
#include <memory>

class QTemporaryDir;

namespace lethean::node {

// An archive extracted into a staging folder beside its destination (same file system, so the final
// move is a rename). Nothing is visible at the destination until commit(); destroying it uncommitted
// removes the staging folder, so a failed or hostile bundle leaves nothing behind. Move-only.
class StagedExtraction
{
public:
    StagedExtraction(std::unique_ptr<QTemporaryDir> staging, QString destination, ExtractReport report);
    ~StagedExtraction();
    StagedExtraction(StagedExtraction&&) noexcept;
    StagedExtraction& operator=(StagedExtraction&&) noexcept;

    QString stagingPath() const;
    const QString& destination() const { return m_destination; }
    const ExtractReport& report() const { return m_report; }

    // Replaces the destination with the staged tree: the previous version is moved aside, the staged
    // folder renamed into place, then the old one deleted. If the second rename fails the previous
    // version is put back, so the destination is never left empty or half-written.
    Result<void, BundleError> commit();

private:
    std::unique_ptr<QTemporaryDir> m_staging;
    QString m_destination;
    ExtractReport m_report;
};

} // namespace lethean::node
