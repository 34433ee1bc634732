#!/usr/bin/env bash
# System packages yusuan needs beside Python (Debian; run as root, e.g. by CI). Idempotent:
# packages already installed are skipped quietly.
#   libreoffice-writer-nogui  reads old Word .doc files; the tests also make PDFs with it
#   fonts-noto-cjk            Chinese glyphs for the PDFs the tests make
set -euo pipefail
packages=(libreoffice-writer-nogui fonts-noto-cjk)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
