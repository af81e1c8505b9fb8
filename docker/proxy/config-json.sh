#!/bin/sh
# The office app's runtime configuration, /config.json, written when the container starts (the nginx image runs
# /docker-entrypoint.d/*.sh before nginx). The app is one build for every office; what differs is read here:
#
#   OIDC_ISSUER      the provider's issuer URL (required), the same value the services check `iss` against
#   OIDC_AUDIENCE    the resource the app asks tokens for (default urn:adminduk:api), the services' required `aud`
#   WEB_CLIENT_ID    the app's OAuth client id at the provider (default adminduk-web)
#
# To serve a hand-written file instead, leave OIDC_ISSUER unset and mount it at /etc/adminduk/config.json.
set -eu

out=/usr/share/nginx/config/config.json
mounted=/etc/adminduk/config.json

fail() {
  echo "adminduk config.json: $*" >&2
  exit 1
}

# A value goes into a JSON string as it is, so it may not hold what JSON would have to escape.
check() {
  case "$2" in
    *'"'* | *'\'*) fail "$1 may not contain a quote or a backslash" ;;
  esac
  if printf '%s' "$2" | LC_ALL=C grep -q '[[:cntrl:]]'; then fail "$1 may not contain control characters"; fi
}

if [ -z "${OIDC_ISSUER:-}" ]; then
  [ -f "$mounted" ] || fail "set OIDC_ISSUER (the OpenID Connect provider's issuer URL, see docs/oidc.md) or mount a config.json at $mounted"
  cp "$mounted" "$out"
  echo "adminduk config.json: serving $mounted"
  exit 0
fi

issuer="$OIDC_ISSUER"
client_id="${WEB_CLIENT_ID:-adminduk-web}"
resource="${OIDC_AUDIENCE:-urn:adminduk:api}"
case "$issuer" in
  https://?* | http://?*) ;;
  *) fail "OIDC_ISSUER must be an http(s) URL, got $issuer" ;;
esac
check OIDC_ISSUER "$issuer"
check WEB_CLIENT_ID "$client_id"
check OIDC_AUDIENCE "$resource"

printf '{"issuer":"%s","clientId":"%s","resource":"%s","apiBase":"/api","dashboardUrl":"/api/reporting/dashboard"}\n' \
  "$issuer" "$client_id" "$resource" > "$out"
echo "adminduk config.json: issuer $issuer, client $client_id"
