#!/usr/bin/env bash
# Starts a local cluster: two silos (the first also serves the API and the Dashboard) and the Gateway.
#   deploy/local-cluster.sh          embedded mode: localhost clustering, state shared in ./data/grains
#   deploy/local-cluster.sh --aws    AWS mode against dynalite (a local DynamoDB, from tests/tools):
#                                    membership, grain state and reminders in DynamoDB tables
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
logs="$root/data/logs"
mkdir -p "$logs"
mode=Embedded
[ "${1:-}" = "--aws" ] && mode=Aws

pids=()
cleanup() { echo; echo "stopping ${pids[*]}"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

start() { # name, command...
  local name=$1; shift
  "$@" >"$logs/$name.log" 2>&1 &
  pids+=($!)
  echo "started $name (pid $!, log data/logs/$name.log)"
}

dotnet build Orleans.TDeveloper.sln -v quiet -nologo

common=(--TDeveloper:Mode=$mode)
if [ "$mode" = Aws ]; then
  command -v node >/dev/null || { echo "node is needed to run dynalite (DynamoDB emulator); install Node.js 20+" >&2; exit 1; }
  [ -f tests/tools/node_modules/dynalite/cli.js ] || (cd tests/tools && npm install --no-audit --no-fund)
  start dynalite node tests/tools/node_modules/dynalite/cli.js --port 4567 --path "$root/data/dynalite"
  sleep 2
  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
  common+=(--TDeveloper:Aws:ServiceUrl=http://127.0.0.1:4567 --TDeveloper:Aws:Region=us-east-1 --TDeveloper:Aws:CreateIfNotExists=true
           --TDeveloper:Silo:AdvertisedIPAddress=127.0.0.1)
else
  common+=(--TDeveloper:Storage:Directory="$root/data/grains")
fi

start silo1 dotnet run --no-build --project Silo -- --urls http://localhost:5080 "${common[@]}"
sleep 8 # the second silo joins through the first (embedded) or finds it in the membership table (AWS)
start silo2 dotnet run --no-build --project Silo -- --urls http://localhost:5081 --TDeveloper:Silo:SiloPort=11112 --TDeveloper:Silo:GatewayPort=30001 "${common[@]}"
start gateway dotnet run --no-build --project Gateway -- --urls http://localhost:5090 "${common[@]}" \
  --TDeveloper:Client:Gateways:0=127.0.0.1:30000 --TDeveloper:Client:Gateways:1=127.0.0.1:30001

cat <<EOT

  mode           $mode
  API (silo 1)   http://localhost:5080/v1/sessions
  API (silo 2)   http://localhost:5081/v1/sessions
  API (gateway)  http://localhost:5090/v1/sessions
  Dashboard      http://localhost:5080/dashboard
  OpenAPI        http://localhost:5080/openapi/v1.json
  Health         http://localhost:5080/health   metrics: /metrics
$( [ "$mode" = Aws ] && echo "  DynamoDB       http://127.0.0.1:4567 (dynalite, data in data/dynalite)" )

Press Ctrl-C to stop.
EOT
wait
