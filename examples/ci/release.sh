#!/usr/bin/env bash
# release.sh - the publish job of github-actions.yml, as a script so that it
# runs (and is tested) the same anywhere: restore the published release,
# build when the sources changed or NextUpdate is near, check, upload.
#
# Environment: BUCKET (s3 bucket of the site), EVENT (push or schedule),
# JTSL_KEY_FLAGS (e.g. "--pkcs11 pkcs11:token=tlso;object=tl-signer-ec
# --pkcs11-module /usr/lib/softhsm/libsofthsm2.so"; the PIN comes from
# JTSL_PKCS11_PIN), THRESHOLD (days, default 30), OUT (default out).
set -euo pipefail
: "${BUCKET:?BUCKET is not set}"
out=${OUT:-out}
threshold=${THRESHOLD:-30}

# The sequence number and history/ continue from the published release.
aws s3 sync "s3://$BUCKET/" "$out/" --exact-timestamps

flags=()
if [ "${EVENT:-push}" = schedule ]; then
  # Reissue only when NextUpdate is near: status exits 1 within the
  # threshold (and when there is no list to read).
  if jtsl status --out "$out" --threshold "$threshold"; then
    echo "release: NextUpdate is more than $threshold days away: nothing to reissue"
    exit 0
  fi
  flags+=(--reissue)
fi
# shellcheck disable=SC2086 # the key flags are words
jtsl build --sources sources --out "$out" "${flags[@]}" ${JTSL_KEY_FLAGS:-}
jtsl verify "$out/JP-TSL.xml" --cert "$out/tlso.pem"

# Never publish a list signed with the development key or a refused signer.
if ! jq -e '.development_key == false and .allow_weak_signer == false' "$out/manifest.json" >/dev/null; then
  echo "release: manifest.json says development key or weak signer: refusing to publish" >&2
  exit 1
fi

# put FILE CACHE-CONTROL uploads one file with the content type the
# manifest gives it.
put() {
  local type
  type=$(jq -er --arg f "$1" '.files[] | select(.name == $f) | .content_type' "$out/manifest.json")
  aws s3 cp "$out/$1" "s3://$BUCKET/$1" --content-type "$type" --cache-control "$2"
}
# history/ first: this release's folder (earlier ones are there already
# and never change, hence immutable), so that the list and its digest
# never point to something missing.
seq=$(jq -er .sequence "$out/manifest.json")
for f in $(jq -r --arg d "history/$seq/" '.files[].name | select(startswith($d))' "$out/manifest.json"); do
  put "$f" "public, max-age=31536000, immutable"
done
# Then the list, then its digest (a consumer never sees a digest for a
# list not there yet), then the page, the mirror and the rest.
short="public, max-age=3600" # TS 119 612 clause 6.1: at most 4 hours
put JP-TSL.xml "$short"
put JP-TSL.sha2 "$short"
for f in index.html JP-TSL.json JP-TSL.json.jws jtsl-mirror.schema.json tlso.pem _headers; do
  put "$f" "$short"
done
aws s3 cp "$out/manifest.json" "s3://$BUCKET/manifest.json" --content-type application/json --cache-control "$short"
jtsl status --out "$out" --threshold "$threshold" || true # for the log
