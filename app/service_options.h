#pragma once

#include <QCommandLineOption>
#include <optional>

class QCommandLineParser;

namespace lethean::app {

// lethean-node's --install-service and --uninstall-service (see ServiceInstaller): added to the
// node's own options so that --listen, --name and the like given with --install-service go into the
// service's command line.
class ServiceOptions
{
public:
    ServiceOptions();

    void addTo(QCommandLineParser& parser) const;
    // Nothing when neither option was given; otherwise does it, prints the outcome and returns the
    // exit status (0 done, 1 failed, 2 both options given).
    std::optional<int> runIfRequested(const QCommandLineParser& parser, int argc, char** argv) const;

private:
    QCommandLineOption m_install;
    QCommandLineOption m_uninstall;
};

} // namespace lethean::app
