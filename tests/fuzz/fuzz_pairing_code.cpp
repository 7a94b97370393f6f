// libFuzzer target for pairing codes (docs/registry.md). The first byte picks the mode:
// - even: the rest is text (UTF-8) read as a pairing code; a code that parses must come back unchanged
//   through toString() and parse(), and every refusal must carry a message;
// - odd: the rest builds a PairingCode from fields (key, addresses, name); one that validates must give
//   a string that parses back to it.
// abort() on a violation.

#include "node/pairing_code.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>

using namespace lethean::node;

extern "C" const char* __ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void checkText(const std::string& bytes)
{
    const QString text = QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
    const auto parsed = PairingCode::parse(text);
    if (!parsed) {
        check(!parsed.error().message.isEmpty());
        check(parsed.error().code != PairingCodeError::Code::OwnCode); // only the registry says that
        return;
    }
    check(parsed->validate().ok());
    check(parsed->publicKey().size() == 32);
    const QString canonical = parsed->toString();
    const auto again = PairingCode::parse(canonical);
    check(again.ok() && *again == *parsed && again->toString() == canonical);
}

void checkFields(FuzzedDataProvider& input)
{
    const std::string key =
        input.ConsumeBytesAsString(input.ConsumeBool() ? 32 : input.ConsumeIntegralInRange(0, 40));
    QStringList addresses;
    const int count = input.ConsumeIntegralInRange(0, 18);
    for (int i = 0; i < count; ++i)
        addresses.append(QString::fromStdString(input.ConsumeRandomLengthString(40)));
    const QString name = QString::fromStdString(input.ConsumeRandomLengthString(80));
    const PairingCode code(QByteArray(key.data(), qsizetype(key.size())), addresses, name);
    if (!code.validate())
        return;
    const auto parsed = PairingCode::parse(code.toString());
    check(parsed.ok() && *parsed == code);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzedDataProvider input(data, size);
    if (input.ConsumeIntegral<uint8_t>() % 2 == 0)
        checkText(input.ConsumeRemainingBytesAsString());
    else
        checkFields(input);
    return 0;
}
