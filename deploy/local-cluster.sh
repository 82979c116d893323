#!/usr/bin/env bash
# Starts a local embedded cluster: two silos (the first also serves the API and the Dashboard)
# and the Gateway, all sharing ./data/grains. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(pwd)/data/grains"
logs="$(pwd)/data/logs"
mkdir -p "$data" "$logs"

dotnet build Orleans.TDeveloper.sln -v quiet -nologo

pids=()
cleanup() { echo; echo "stopping ${pids[*]}"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

start() { # name, project, args...
  local name=$1 project=$2; shift 2
  dotnet run --no-build --project "$project" -- "$@" >"$logs/$name.log" 2>&1 &
  pids+=($!)
  echo "started $name (pid $!, log data/logs/$name.log)"
}

start silo1 Silo --urls http://localhost:5080 --TDeveloper:Storage:Directory="$data"
sleep 8 # the second silo joins through the first
start silo2 Silo --urls http://localhost:5081 --TDeveloper:Silo:SiloPort=11112 --TDeveloper:Silo:GatewayPort=30001 --TDeveloper:Storage:Directory="$data"
start gateway Gateway --urls http://localhost:5090 --TDeveloper:Client:Gateways:0=127.0.0.1:30000 --TDeveloper:Client:Gateways:1=127.0.0.1:30001

cat <<EOT

  API (silo 1)   http://localhost:5080/v1/sessions
  API (silo 2)   http://localhost:5081/v1/sessions
  API (gateway)  http://localhost:5090/v1/sessions
  Dashboard      http://localhost:5080/dashboard
  OpenAPI        http://localhost:5080/openapi/v1.json
  Health         http://localhost:5080/health   metrics: /metrics

Press Ctrl-C to stop.
EOT
wait
