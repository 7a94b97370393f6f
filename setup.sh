#!/usr/bin/env bash
# Lethean Desktop: install what is missing, build, then run the app or the tests.
#
#   ./setup.sh run    install missing Debian packages, build, start the app (the headless node when
#                     there is no display); extra arguments go to the program, e.g. --data-dir DIR
#   ./setup.sh test   install missing Debian packages, build, run every test; non-zero on any failure
#   ./setup.sh deps   only install missing Debian packages
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

preset=dev
build_dir="build/$preset"

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

install_missing_packages() {
    local wanted=() missing=() package
    mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' installer/debian-packages.txt)
    for package in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null; then
            echo "setup.sh: these packages are missing and sudo is not available: ${missing[*]}" >&2
            echo "setup.sh: install them as root: apt-get install ${missing[*]}" >&2
            exit 1
        fi
        sudo=(sudo)
    fi
    echo "setup.sh: installing missing Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
}

build() {
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" --parallel "$(nproc)"
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
    run)
        install_missing_packages
        build
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "No display found (DISPLAY and WAYLAND_DISPLAY are empty): starting the headless node lethean-node in the foreground; press Ctrl+C to stop it."
            exec "$build_dir/app/lethean-node" "$@"
        fi
        exec "$build_dir/app/lethean-desktop" "$@"
        ;;
    test)
        install_missing_packages
        build
        ctest --preset "$preset" --parallel "$(nproc)"
        ;;
    deps)
        install_missing_packages
        ;;
    -h|--help|help)
        usage
        ;;
    *)
        usage >&2
        exit 2
        ;;
esac
