#!/bin/bash
# FOR TRYING OUT ONLY (compose profile "try-out"): Keycloak in development mode (start-dev: HTTP, an embedded
# database lost with the container, caches and themes unoptimised). A production Keycloak runs `kc.sh start` with
# its own PostgreSQL database and a TLS hostname: see docs/oidc.md.
#
# The realm export names the app's placeholder origin (https://adminduk.example) in the web client's redirect URI,
# web origin and post-logout redirect; this copies the export into Keycloak's import folder with ADMINDUK_WEB_ORIGIN
# (the proxy's address, http://localhost:8080 by default) in its place, then imports it on start (skipped when
# the realm already exists). Uses bash alone: the Keycloak image has no sed.
set -euo pipefail

if [ -z "${KC_BOOTSTRAP_ADMIN_PASSWORD:-}" ]; then
  echo 'keycloak (try-out): set KEYCLOAK_ADMIN_PASSWORD in docker/.env or the environment (the password of the "admin" user of the admin console)' >&2
  exit 1
fi
origin="${ADMINDUK_WEB_ORIGIN:?set ADMINDUK_WEB_ORIGIN to the origin the app is served at}"
placeholder='https://adminduk.example'
source_file=/opt/adminduk/adminduk-realm.json
import_dir=/opt/keycloak/data/import

realm="$(< "$source_file")"
mkdir -p "$import_dir"
printf '%s\n' "${realm//"$placeholder"/"$origin"}" > "$import_dir/adminduk-realm.json"

exec /opt/keycloak/bin/kc.sh start-dev --import-realm "$@"
