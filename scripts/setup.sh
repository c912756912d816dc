#!/usr/bin/env bash
# Installs what a fresh machine lacks, without prompts: pnpm (from npm), Debian's Chromium (browser tests and the
# demo's end-to-end checks), poppler-utils, qpdf and mupdf-tools (PDF checks: MuPDF types into fields), PostgreSQL
# (server tests and benchmark), then the workspace's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
command -v mutool >/dev/null 2>&1 || need_apt+=(mupdf-tools)
# PostgreSQL 15+ for the server's tests and benchmark (each starts a throwaway cluster of its own).
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "setup: installing ${need_apt[*]} (Debian packages)"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v pnpm >/dev/null 2>&1; then
  echo "setup: installing pnpm"
  npm install -g pnpm@10.34.9 >/dev/null 2>&1
fi

echo "setup: installing workspace dependencies"
pnpm install --frozen-lockfile --reporter=append-only
