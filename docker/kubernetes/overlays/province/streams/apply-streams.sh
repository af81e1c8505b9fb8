#!/bin/sh
# Creates each stream of /etc/adminduk/streams/<NAME>.json, or brings an existing one (for example one the reporting
# service created first, without sources) to that configuration. The server comes from NATS_URL.
set -eu
for file in /etc/adminduk/streams/*.json; do
  name=$(basename "$file" .json)
  if nats stream info "$name" >/dev/null 2>&1; then
    echo "updating stream $name"
    nats stream edit "$name" --config "$file" --force
  else
    echo "creating stream $name"
    nats stream add "$name" --config "$file"
  fi
done
