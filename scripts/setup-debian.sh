#!/usr/bin/env bash
# Installs what Holdout needs on Debian/Ubuntu: a JDK 17+, Maven and the Fashion-MNIST data package.
# --test also installs what the test suite uses: numpy and scikit-learn (checked against), Chromium (page tests),
# PostgreSQL (the server's tests run a second time on a cluster they start themselves), a Chinese font (the zh-TW
# pages' screenshots).
set -euo pipefail
packages=(default-jdk-headless maven dataset-fashion-mnist)
if [ "${1:-}" = "--test" ]; then
  packages+=(python3 python3-numpy python3-sklearn chromium chromium-driver fonts-wqy-microhei postgresql curl)
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: everything is installed (${packages[*]})"
  exit 0
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q "${missing[@]}"
