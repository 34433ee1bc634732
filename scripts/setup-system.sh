#!/usr/bin/env bash
# System packages yusuan and its tests need (Debian; run as root, as CI does). Idempotent: packages
# already installed are passed over, and apt is not touched at all when nothing is missing.
set -euo pipefail
PACKAGES=(
  postgresql                # the corpus tests start their own PostgreSQL server
  fonts-noto-cjk            # the CJK font written PDF and Word files embed and charts draw with
  poppler-utils             # pdftotext / pdftoppm: the tests read written PDFs back and render their pages
  libreoffice-writer-nogui  # reads old Word .doc files; the tests render Word files and make PDFs with it
  chromium                  # the web tests drive a real browser (Playwright with this executable)
)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "缺少系统软件包：${missing[*]}；请以 root 运行 scripts/setup-system.sh" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
