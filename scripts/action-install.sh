#!/usr/bin/env bash
# Installs parks from a release archive for the GitHub Actions runner
# (action.yml). PARKS_VERSION is "latest" or a tag; GH_TOKEN lets gh read
# the releases. Sets the step output installed=true on success; on any
# failure (no release yet, no archive for the runner) it says why and leaves
# installed unset, so the action builds parks from source instead.
set -uo pipefail

fallback() {
  echo "::notice title=parks::$1; building parks from source instead"
  exit 0
}

case "${RUNNER_OS:-Linux}" in
  Linux) os=linux ext=tar.gz ;;
  macOS) os=darwin ext=tar.gz ;;
  Windows) os=windows ext=zip ;;
  *) fallback "no release archive for ${RUNNER_OS}" ;;
esac
case "${RUNNER_ARCH:-X64}" in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  *) fallback "no release archive for ${RUNNER_ARCH}" ;;
esac

tag=()
if [ "${PARKS_VERSION:-latest}" != latest ]; then tag=("$PARKS_VERSION"); fi
dir="${RUNNER_TEMP:-/tmp}/parks-release"
rm -rf "$dir" && mkdir -p "$dir/bin" || fallback "cannot create $dir"
command -v gh >/dev/null || fallback "the gh command is not on this runner"
gh release download ${tag[@]+"${tag[@]}"} --repo parks-kz/parks --dir "$dir" \
  --pattern "parks_*_${os}_${arch}.${ext}" --pattern SHA256SUMS \
  || fallback "no parks release ${PARKS_VERSION:-latest} to download"

cd "$dir" || exit 1
archive=$(ls parks_*_"${os}_${arch}.${ext}")
sums=$(grep " ${archive}\$" SHA256SUMS) || { echo "::error title=parks::$archive is not in SHA256SUMS"; exit 1; }
if command -v sha256sum >/dev/null; then check=(sha256sum -c -); else check=(shasum -a 256 -c -); fi
echo "$sums" | "${check[@]}" || { echo "::error title=parks::checksum mismatch for $archive"; exit 1; }
if [ "$ext" = zip ]; then unzip -q -o "$archive" -d bin; else tar -xzf "$archive" -C bin; fi
echo "$dir/bin" >> "$GITHUB_PATH"
echo "installed=true" >> "$GITHUB_OUTPUT"
echo "parks installed from $archive"
