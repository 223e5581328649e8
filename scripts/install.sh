#!/bin/sh
# Installs the ccproxy executable for this machine from a release, after checking its SHA-256.
#
#   curl -fsSL https://github.com/ccproxy/ccproxy/releases/latest/download/install.sh | sh
#   sh install.sh [--version 0.2.0] [--bin-dir ~/bin]
#
# Environment (the flags win):
#   CCPROXY_VERSION       release to install, e.g. 0.2.0 (default: the latest)
#   CCPROXY_INSTALL_DIR   folder to put ccproxy in (default: ~/.local/bin)
#   CCPROXY_RELEASES_URL  GitHub-style releases URL; files come from <url>/latest/download/
#                         or <url>/download/v<version>/ (default: the project's GitHub releases)
#   CCPROXY_DOWNLOAD_URL  a folder that holds the archives and SHA256SUMS directly (a mirror)
#
# Needs: uname, tar, curl or wget, and sha256sum, shasum or openssl.
set -eu

DEFAULT_RELEASES_URL="https://github.com/ccproxy/ccproxy/releases"

say() { printf 'ccproxy install: %s\n' "$*"; }
fail() {
  printf 'ccproxy install: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  cat <<'USAGE'
usage: install.sh [--version VERSION] [--bin-dir DIR]
  --version   release to install (env CCPROXY_VERSION; default: the latest)
  --bin-dir   where to put ccproxy (env CCPROXY_INSTALL_DIR; default: ~/.local/bin)
Also: CCPROXY_RELEASES_URL (GitHub-style releases URL), CCPROXY_DOWNLOAD_URL (a folder
holding the archives and SHA256SUMS).
USAGE
}

detect_os() {
  case "$(uname -s)" in
    Linux) echo linux ;;
    Darwin) echo darwin ;;
    MINGW* | MSYS* | CYGWIN*) fail "on Windows, download ccproxy-<version>-windows-x64.zip from the releases page instead" ;;
    *) fail "no release for $(uname -s); build from source (docs/INSTALL.md)" ;;
  esac
}

detect_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) machine=x64 ;;
    aarch64 | arm64) machine=arm64 ;;
    *) fail "no release for the $(uname -m) processor; build from source (docs/INSTALL.md)" ;;
  esac
  # An Intel shell running under Rosetta 2 on Apple silicon: the native build is the better one.
  if [ "$1" = darwin ] && [ "$machine" = x64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then
    machine=arm64
  fi
  echo "$machine"
}

download() {
  if command -v curl >/dev/null 2>&1; then
    curl --fail --silent --show-error --location --retry 2 --output "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget --quiet --output-document="$2" "$1"
  else
    fail "curl or wget is needed to download"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 "$1" | sed 's/^.*= *//'
  else
    fail "sha256sum, shasum or openssl is needed to check the download"
  fi
}

version="${CCPROXY_VERSION:-}"
bin_dir="${CCPROXY_INSTALL_DIR:-${HOME:?HOME is not set}/.local/bin}"
while [ $# -gt 0 ]; do
  case "$1" in
    --version) [ $# -ge 2 ] || fail "--version needs a value"; version="$2"; shift 2 ;;
    --version=*) version="${1#*=}"; shift ;;
    --bin-dir) [ $# -ge 2 ] || fail "--bin-dir needs a value"; bin_dir="$2"; shift 2 ;;
    --bin-dir=*) bin_dir="${1#*=}"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) fail "unknown option $1 (try --help)" ;;
  esac
done
version="${version#v}"

os="$(detect_os)"
arch="$(detect_arch "$os")"
releases_url="${CCPROXY_RELEASES_URL:-$DEFAULT_RELEASES_URL}"
if [ -n "${CCPROXY_DOWNLOAD_URL:-}" ]; then
  base="${CCPROXY_DOWNLOAD_URL%/}"
elif [ -n "$version" ]; then
  base="${releases_url%/}/download/v$version"
else
  base="${releases_url%/}/latest/download"
fi

tmp="$(mktemp -d 2>/dev/null || mktemp -d -t ccproxy-install)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

say "platform $os-$arch; fetching $base/SHA256SUMS"
download "$base/SHA256SUMS" "$tmp/SHA256SUMS" || fail "could not download $base/SHA256SUMS${version:+ (is $version a released version?)}"

# The archive's name comes from SHA256SUMS, so "latest" needs no separate version lookup.
line="$(grep -E "^[0-9a-f]{64} [ *]ccproxy-[^ ]+-$os-$arch\.tar\.gz\$" "$tmp/SHA256SUMS" | head -n 1 || true)"
[ -n "$line" ] || fail "$base/SHA256SUMS lists no archive for $os-$arch"
expected="${line%% *}"
archive="${line##* }"
archive="${archive#\*}"
if [ -n "$version" ] && [ "$archive" != "ccproxy-$version-$os-$arch.tar.gz" ]; then
  fail "$base/SHA256SUMS lists $archive, not version $version"
fi

say "downloading $archive"
download "$base/$archive" "$tmp/$archive" || fail "could not download $base/$archive"
actual="$(sha256_of "$tmp/$archive")"
if [ "$actual" != "$expected" ]; then
  fail "checksum mismatch for $archive: SHA256SUMS says $expected, the download is $actual; nothing was installed"
fi
say "SHA-256 verified ($actual)"

mkdir "$tmp/unpacked"
tar -xzf "$tmp/$archive" -C "$tmp/unpacked" || fail "could not unpack $archive"
[ -f "$tmp/unpacked/ccproxy" ] || fail "$archive holds no ccproxy executable"
mkdir -p "$bin_dir" || fail "could not create $bin_dir"
# Copy next to the destination, then rename: a running ccproxy is never half overwritten.
cp "$tmp/unpacked/ccproxy" "$bin_dir/.ccproxy.installing.$$" || fail "could not write to $bin_dir"
chmod 755 "$bin_dir/.ccproxy.installing.$$"
mv -f "$bin_dir/.ccproxy.installing.$$" "$bin_dir/ccproxy" || fail "could not replace $bin_dir/ccproxy"

if ! installed="$("$bin_dir/ccproxy" --version 2>&1)"; then
  fail "installed $bin_dir/ccproxy, but it does not run here: $installed"
fi
say "installed ccproxy $installed to $bin_dir/ccproxy"
case ":${PATH:-}:" in
  *":$bin_dir:"*) ;;
  *) say "$bin_dir is not on your PATH; add it with: export PATH=\"$bin_dir:\$PATH\"" ;;
esac
