#!/bin/sh
# First start of the PostgreSQL container (an empty volume): one role and one database per service, the role
# owning its database, so that no service can read another's tables (DESIGN.md: each service owns its data).
# ADMINDUK_SERVICES lists the services; ADMINDUK_DB_PASSWORD is their password (compose passes both).
set -eu
for service in ${ADMINDUK_SERVICES:-identity deeds outreach reporting}; do
  echo "adminduk: creating role and database ${service}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v service="$service" -v password="$ADMINDUK_DB_PASSWORD" <<'SQL'
CREATE ROLE :"service" LOGIN PASSWORD :'password';
CREATE DATABASE :"service" OWNER :"service";
REVOKE ALL ON DATABASE :"service" FROM PUBLIC;
SQL
done
