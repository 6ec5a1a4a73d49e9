#!/usr/bin/env sh
# Rebuilds the team registry of the quickstart from src/: one tar.gz package per plugin
# (deterministic bytes: sorted entries, fixed mtime and owner, gzip without a timestamp) and
# index.json in the registry index format, with each package's integrity (the canonical tree
# hash of DESIGN.md §2, computed here with its reference script) and archiveIntegrity.
set -eu
cd "$(dirname "$0")"
export LC_ALL=C

tree_hash() { # the reference script of DESIGN.md §2, run inside the plugin folder
  (cd "$1" && (find . -type f -o -type l | sed 's|^\./||' | LC_ALL=C sort | while read p; do
    if [ -L "$p" ]; then printf 'link 000 %s %s\n' "$(printf '%s' "$(readlink "$p")" | sha256sum | cut -d' ' -f1)" "$p"
    else m=644; [ -x "$p" ] && m=755; printf 'file %s %s %s\n' $m "$(sha256sum < "$p" | cut -d' ' -f1)" "$p"; fi
  done) | openssl dgst -sha512 -binary | base64 -w0 | sed 's/^/sha512-/')
}

package() { # folder -> packages/<name>-<version>.tgz with one top-level folder `package/`
  tar --sort=name --mtime='2026-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner \
    --mode='u+rwX,go+rX,go-w' --format=gnu --transform 's,^\.,package,' \
    -cf - -C "$1" . | gzip -n -9 > "$2"
}

rm -rf packages && mkdir -p packages
find src -type f -exec chmod 644 {} +

entry() { # name version folder deps-json description
  package "src/$3" "packages/$1-$2.tgz"
  integrity=$(tree_hash "src/$3")
  archive=$(openssl dgst -sha512 -binary < "packages/$1-$2.tgz" | base64 -w0 | sed 's/^/sha512-/')
  printf '"integrity": "%s", "archiveIntegrity": "%s", "resolved": "packages/%s-%s.tgz", "dependencies": %s' \
    "$integrity" "$archive" "$1" "$2" "$4"
}

{
  printf '{\n  "version": 1,\n  "updatedAt": "2026-01-01T00:00:00Z",\n  "plugins": {\n'
  printf '    "code-style": {"name": "code-style", "version": "1.0.0", "description": "An older copy of the team'"'"'s code style", %s, "trustScore": 70},\n' \
    "$(entry code-style 1.0.0 code-style '[]')"
  printf '    "deploy-helper": {"name": "deploy-helper", "version": "1.3.0", "description": "Prepares release notes and a deploy checklist", %s, "trustScore": 90,\n' \
    "$(entry deploy-helper 1.3.0 deploy-helper-1.3.0 '[]')"
  printf '      "releases": {"1.2.0": {%s}}},\n' "$(entry deploy-helper 1.2.0 deploy-helper-1.2.0 '[]')"
  printf '    "review-bot": {"name": "review-bot", "version": "2.1.0", "description": "Reviews pull requests against the team'"'"'s checklist", %s, "trustScore": 85}\n' \
    "$(entry review-bot 2.1.0 review-bot '[{"name": "code-style", "version": "^1.0"}]')"
  printf '  }\n}\n'
} > index.json
echo "wrote index.json and $(ls packages | wc -l) packages" >&2
