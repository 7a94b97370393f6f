#!/usr/bin/env bash
# The dependency rules of DESIGN.md, checked on every CI run: app → ui → node → ueps.
#   ueps/ includes no Qt header; node/ includes no Widgets header; ueps/ and node/ include nothing from ui/ or app/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

failed=0
report() {
    echo "check-includes: $1" >&2
    echo "$2" | sed 's/^/    /' >&2
    failed=1
}

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"]Q' ueps || true)
[ -z "$hits" ] || report "ueps/ must not include Qt headers:" "$hits"

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](QtWidgets|QtGui/|QWidget|QMainWindow|QApplication|QDialog|QAction|QSystemTrayIcon|QMessageBox|QLabel)' node || true)
[ -z "$hits" ] || report "node/ must not include Widgets or GUI headers:" "$hits"

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*"(ui|app)/' node ueps || true)
[ -z "$hits" ] || report "node/ and ueps/ must not include ui/ or app/ headers:" "$hits"

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*"app/' ui || true)
[ -z "$hits" ] || report "ui/ must not include app/ headers:" "$hits"

if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "check-includes: dependency rules hold (app -> ui -> node -> ueps)"
