#!/bin/sh
# exec provider contract: publish-txt.sh present|cleanup <record name> <value>
# Publishes into the test CA's mock DNS through its management API.
set -e
api="http://127.0.0.1:${CHALLTESTSRV_MANAGEMENT_PORT:?}"
case "$1" in
  present) curl -fsS -d "{\"host\":\"$2\",\"value\":\"$3\"}" "$api/set-txt" ;;
  cleanup) curl -fsS -d "{\"host\":\"$2\"}" "$api/clear-txt" ;;
  *) exit 2 ;;
esac
echo "$1 $2" >> "$(dirname "$0")/calls.log"
