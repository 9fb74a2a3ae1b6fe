#!/usr/bin/env bash
# comment.sh PR FILE - post FILE as the change report of pull request PR,
# editing the report already posted instead of adding another (one
# comment per pull request, found by its marker). Needs gh with a token
# that may write pull-request comments, and GITHUB_REPOSITORY.
set -euo pipefail
pr=$1 file=$2
case "$pr" in '' | *[!0-9]*) echo "comment.sh: pull request number expected, got '$pr'" >&2; exit 2 ;; esac
: "${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}"
marker='<!-- jtsl-change-report -->'
body=$(printf '%s\n%s\n' "$marker" "$(cat "$file")")
id=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$pr/comments" \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n1)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -f body="$body" >/dev/null
  echo "comment.sh: updated comment $id on #$pr"
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$pr/comments" -f body="$body" >/dev/null
  echo "comment.sh: commented on #$pr"
fi
