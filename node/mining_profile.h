#pragma once

#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lethean::node {

// One thing wrong with a profile, tied to the field it is about (the GUI shows it next to that field).
struct ProfileFieldError
{
    QString field;   // the JSON key: "name", "minerType", "pool", "wallet", "threads", …
    QString message; // a sentence for the user

    friend bool operator==(const ProfileFieldError&, const ProfileFieldError&) = default;
};

// A named mining profile: what a worker needs to start a miner. Stored as <name>.json in the profiles
// folder, travels as start_miner's `config` and in profile bundles. A value type.
//
// JSON (keys in this order; unknown keys are ignored):
//   {"name":"main","minerType":"xmrig","pool":"stratum+tcp://pool.example:3333","wallet":"iz…",
//    "workerName":"rig-1","threads":0,"donateLevel":1,"extraArgs":["--cpu-priority=2"]}
struct MiningProfile
{
    static constexpr int kMaxNameLength = 64;
    static constexpr int kMaxThreads = 1024;
    static constexpr int kMaxDonateLevel = 100;

    QString name;               // file-name safe: see validateName()
    QString minerType;          // "xmrig" or "simulated"
    QString pool;               // stratum+tcp://host:port, stratum+ssl://…, or host:port
    QString wallet;             // not empty
    QString workerName;         // XMRig's rig-id / pool password; may be empty
    int threads = 0;            // 0: the miner decides
    int donateLevel = 1;        // XMRig's donate level (percent)
    QStringList extraArgs;      // passed to the miner after ours

    // Every problem, empty when the profile is valid.
    QList<ProfileFieldError> validate() const;
    // The problems as one sentence per line, for a reply or a log line.
    static QString describe(const QList<ProfileFieldError>& errors);

    // Profile names become file names: 1–64 characters, letters, digits, '-', '_', '.' and space, not
    // starting with '.', no '/' or '\\', not "." or "..". Go does not sanitise its profile IDs (WIRE.md).
    static Result<void, QString> validateName(QStringView name);
    static const QStringList& knownMinerTypes(); // "xmrig", "simulated"

    QByteArray toJson() const;
    // Parses without validating (validate() is the caller's next step); errors name the field.
    static Result<MiningProfile, QString> fromJson(QByteArrayView json);

    friend bool operator==(const MiningProfile&, const MiningProfile&) = default;
};

} // namespace lethean::node

Q_DECLARE_METATYPE(lethean::node::MiningProfile)
