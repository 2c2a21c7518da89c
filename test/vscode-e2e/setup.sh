#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, outside the pnpm workspace:
#   - Debian's chromium (the browser playwright-core drives) and the headers code-server's
#     native modules build against;
#   - Node.js 24 from the npm registry (code-server 4.139 requires it);
#   - code-server, VS Code in a browser, built against that Node.
# Everything goes under $STRATA_VSCODE_E2E_TOOLS (default ~/.cache/strata-vscode-e2e).
# Idempotent: a second run finds everything in place and returns in a second.
set -euo pipefail

HOME_DIR="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
TOOLS="${STRATA_VSCODE_E2E_TOOLS:-$HOME_DIR/.cache/strata-vscode-e2e}"
case "$(uname -m)" in
  x86_64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) echo "[vscode-e2e setup] no Node.js 24 build for $(uname -m); the test needs x86-64 or arm64" >&2; exit 1 ;;
esac
NODE_PACKAGE="node-linux-$ARCH@24.21.0"
CODE_SERVER_VERSION="4.139.1"
APT_PACKAGES=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config python3 make g++)

say() { echo "[vscode-e2e setup] $*"; }

# Runs a command, once more after a pause if it fails (a registry hiccup should not fail CI).
twice() { "$@" || { say "retrying: $*"; sleep 10; "$@"; }; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo)
  twice "${as_root[@]}" apt-get update -qq
  # Through env: sudo drops the caller's environment.
  twice "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  say "Debian packages present"
fi

NODE_DIR="$TOOLS/node24/node_modules/node-linux-$ARCH"
if [[ ! -x "$NODE_DIR/bin/node" ]]; then
  say "npm install $NODE_PACKAGE"
  mkdir -p "$TOOLS/node24"
  twice npm install --prefix "$TOOLS/node24" --no-save --no-package-lock --loglevel=error "$NODE_PACKAGE"
else
  say "Node $("$NODE_DIR/bin/node" --version) present"
fi

CODE_SERVER="$TOOLS/code-server/node_modules/.bin/code-server"
if [[ ! -x "$CODE_SERVER" ]] || ! PATH="$NODE_DIR/bin:$PATH" "$CODE_SERVER" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION"; then
  say "npm install code-server@$CODE_SERVER_VERSION (builds native modules: several minutes)"
  rm -rf "$TOOLS/code-server"
  mkdir -p "$TOOLS/code-server"
  PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_unsafe_perm=true \
    twice npm install --prefix "$TOOLS/code-server" --no-save --no-package-lock --loglevel=error \
    "code-server@$CODE_SERVER_VERSION"
  PATH="$NODE_DIR/bin:$PATH" "$CODE_SERVER" --version >/dev/null
else
  say "code-server $CODE_SERVER_VERSION present"
fi
say "ready: $TOOLS"
