#!/bin/sh
# Starts the Paved backend in the image. A production image runs with
# app-config.production.yaml; an image built with PAVED_DEMO=true carries the
# demo shop and runs with app-config.demo.yaml instead, so demo data can never
# be switched on together with the production config.
# Extra config files: PAVED_EXTRA_CONFIG="/config/a.yaml /config/b.yaml".
set -e
if [ -f app-config.demo.yaml ]; then
  # The development config's file locations are relative to packages/backend.
  cd packages/backend
  entry=.
  set -- --config ../../app-config.yaml --config ../../app-config.demo.yaml
else
  entry=packages/backend
  set -- --config app-config.yaml --config app-config.production.yaml
fi
for extra in ${PAVED_EXTRA_CONFIG:-}; do
  set -- "$@" --config "$extra"
done
exec node "$entry" "$@"
