#!/usr/bin/env bash
# System packages yusuan needs (Debian; run as root, e.g. by CI). Idempotent: installs only what
# is missing and says nothing when everything is there.
#   fonts-noto-cjk       the CJK font the written PDF and Word files embed and charts draw with
#   libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0
#                        WeasyPrint's text layout and fast font subsetting (PDF output)
#   poppler-utils        pdftotext / pdftoppm: the tests read written PDFs back and render pages
#   libreoffice-writer-nogui  the tests render written Word files (soffice --headless)
set -euo pipefail
packages=(fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
          libreoffice-writer-nogui)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
