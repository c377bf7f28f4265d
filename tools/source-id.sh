#!/usr/bin/env bash
# Build provenance of vd, computed at build time (src/VerifyDynamics.Harness/VerifyDynamics.Harness.csproj, target
# VdSourceId) from the working tree. Prints three lines:
#   1. the commit: HEAD, with "-dirty" when tracked files differ from it;
#   2. the source id: the git tree id of the files that determine vd's output (SOURCE_PATHS below), as they are in the
#      working tree, committed or not. Certificates record it: they are byte-identical for the same source and inputs,
#      and `git ls-tree HEAD -- src Directory.Build.props Directory.Packages.props global.json | git mktree` on a
#      checkout gives the same id for a clean tree (a commit cannot contain its own hash, but it can contain this);
#   3. "true" when that source differs from HEAD's (uncommitted changes), else "false".
# Without git (a source tarball) it prints "unknown", "unknown", "false". It never fails the build.
set -u
cd "$(dirname "$0")/.." || { printf 'unknown\nunknown\nfalse\n'; exit 0; }
SOURCE_PATHS=(src Directory.Build.props Directory.Packages.props global.json)
if ! command -v git >/dev/null 2>&1 || ! git rev-parse --git-dir >/dev/null 2>&1; then
  printf 'unknown\nunknown\nfalse\n'; exit 0
fi
commit=$(git rev-parse HEAD 2>/dev/null) || commit=unknown
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit-dirty"
fi
# A temporary index (a copy of the real one, so unchanged files are not hashed again): `git add` stages the working
# tree's files there (untracked ones too, ignored ones not) without touching the real index, then `git write-tree`.
tmp=$(mktemp) || { printf '%s\nunknown\nfalse\n' "$commit"; exit 0; }
trap 'rm -f "$tmp"' EXIT
cp "$(git rev-parse --git-path index)" "$tmp" 2>/dev/null || rm -f "$tmp"
source=unknown
if tree=$(GIT_INDEX_FILE=$tmp git add -A -- "${SOURCE_PATHS[@]}" 2>/dev/null && GIT_INDEX_FILE=$tmp git write-tree 2>/dev/null); then
  source=$(git ls-tree "$tree" -- "${SOURCE_PATHS[@]}" | git mktree 2>/dev/null) || source=unknown
fi
dirty=false
if [ "$source" != unknown ] && [ "$commit" != unknown ]; then
  head_source=$(git ls-tree HEAD -- "${SOURCE_PATHS[@]}" | git mktree 2>/dev/null) || head_source=unknown
  [ "$source" != "$head_source" ] && dirty=true
fi
printf '%s\n%s\n%s\n' "$commit" "$source" "$dirty"
