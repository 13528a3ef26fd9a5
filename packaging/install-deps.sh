#!/usr/bin/env bash
# Installs what building and testing Dispatch Desk needs on Debian 12.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev libqt6svg6 qt6-charts-dev libqt6opengl6-dev
  qtkeychain-qt6-dev libssl-dev openssl libgl-dev libsimdjson-dev libbenchmark-dev
  qt6-qpa-plugins fonts-dejavu-core
  xvfb xauth
  clang libclang-rt-14-dev
  desktop-file-utils appstream librsvg2-bin
  curl wrk hyperfine ccache
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "All build dependencies are installed."
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing: ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
