#!/usr/bin/env bash
# Starts a local cluster: two silos (each serves the API, and the Dashboard and /metrics on its own loopback
# management port) and the Gateway (API, and /metrics on its management port).
#   deploy/local-cluster.sh          embedded mode: localhost clustering, state shared in ./data/grains
#   deploy/local-cluster.sh --aws    AWS mode against dynalite (a local DynamoDB, from tests/tools):
#                                    membership, grain state and reminders in DynamoDB tables; session event
#                                    streams on kinesalite (a local Kinesis, port 4568; the first silo creates the stream)
# Ctrl-C stops everything it started, in order: the Gateway, then each silo, then the emulator, waiting for each.
set -euo pipefail
set -m # each started process gets its own process group, so Ctrl-C reaches only this script, which stops them in order
cd "$(dirname "$0")/.."
root=$(pwd)
logs="$root/data/logs"
mkdir -p "$logs"
mode=Embedded
[ "${1:-}" = "--aws" ] && mode=Aws

names=() pids=()
stop() { # name, pid: SIGTERM, then wait (a silo stops within its 25 s shutdown timeout; SIGKILL after 40 s)
  local name=$1 pid=$2
  kill -0 "$pid" 2>/dev/null || return 0
  echo "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && { echo "$name did not stop within 40 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; }
  wait "$pid" 2>/dev/null || true
}
cleanup() { # the reverse of the start order: gateway, silo2, silo1, dynalite
  trap - EXIT INT TERM
  echo
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop "${names[i]}" "${pids[i]}"; done
}
trap cleanup EXIT INT TERM

start() { # name, directory, command...: run in the directory with exec, so the pid is the program's own
  local name=$1 dir=$2; shift 2
  (cd "$dir" && exec "$@") >"$logs/$name.log" 2>&1 &
  names+=("$name") pids+=($!)
  echo "started $name (pid $!, log data/logs/$name.log)"
}

dotnet build Orleans.TDeveloper.sln -v quiet -nologo

common=(--TDeveloper:Mode=$mode --TDeveloper:Security:LocalKeys:Path="$root/data/keys/master-keys.json") # one key file for every silo
if [ "$mode" = Aws ]; then
  command -v node >/dev/null || { echo "node is needed to run dynalite (DynamoDB emulator); install Node.js 20+" >&2; exit 1; }
  [ -f tests/tools/node_modules/dynalite/cli.js ] || (cd tests/tools && npm install --no-audit --no-fund)
  start dynalite "$root" node tests/tools/node_modules/dynalite/cli.js --port 4567 --path "$root/data/dynalite"
  [ -f tests/tools/node_modules/kinesalite/cli.js ] || (cd tests/tools && npm install --no-audit --no-fund)
  mkdir -p "$root/data/kinesalite"
  start kinesalite "$root" node tests/tools/node_modules/kinesalite/cli.js --port 4568 --path "$root/data/kinesalite" --createStreamMs 0
  sleep 2
  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
  common+=(--TDeveloper:Aws:ServiceUrl=http://127.0.0.1:4567 --TDeveloper:Aws:Region=us-east-1 --TDeveloper:Aws:CreateIfNotExists=true
           --TDeveloper:Silo:AdvertisedIPAddress=127.0.0.1
           --TDeveloper:Aws:Kinesis:ServiceUrl=http://127.0.0.1:4568 --TDeveloper:Aws:Kinesis:CreateIfNotExists=true
           --TDeveloper:Providers:Workspaces=File # workspace bodies in data/workspaces; S3 needs TDeveloper:Workspaces:S3
           --TDeveloper:Providers:Keys=Local) # no KMS locally: the key file; on AWS set TDeveloper:Security:Kms:KeyId
else
  common+=(--TDeveloper:Storage:Directory="$root/data/grains" --TDeveloper:Reminders:Directory="$root/data/reminders")
fi

# The built hosts are run directly (not through `dotnet run`), so that SIGTERM reaches them and not a launcher.
silo=(dotnet bin/Debug/net10.0/TDeveloper.Silo.dll)
gateway=(dotnet bin/Debug/net10.0/TDeveloper.Gateway.dll)
start silo1 Silo "${silo[@]}" --urls http://localhost:5080 --TDeveloper:Management:Urls=http://localhost:5180 --TDeveloper:Grpc:Urls=http://localhost:5082 "${common[@]}"
sleep 8 # the second silo joins through the first (embedded) or finds it in the membership table (AWS)
start silo2 Silo "${silo[@]}" --urls http://localhost:5081 --TDeveloper:Management:Urls=http://localhost:5181 --TDeveloper:Grpc:Urls=http://localhost:5083 --TDeveloper:Silo:SiloPort=11112 --TDeveloper:Silo:GatewayPort=30001 "${common[@]}"
start gateway Gateway "${gateway[@]}" --urls http://localhost:5090 --TDeveloper:Management:Urls=http://localhost:5190 --TDeveloper:Grpc:Urls=http://localhost:5092 "${common[@]}" \
  --TDeveloper:Client:Gateways:0=127.0.0.1:30000 --TDeveloper:Client:Gateways:1=127.0.0.1:30001

cat <<EOT

  mode           $mode
  API (silo 1)   http://localhost:5080/v1/sessions
  API (silo 2)   http://localhost:5081/v1/sessions
  API (gateway)  http://localhost:5090/v1/sessions
  Dashboard      http://localhost:5180/dashboard/ (silo 1's management port; silo 2: 5181)
  OpenAPI        http://localhost:5080/openapi/v1.json
  Health         http://localhost:5080/health
  Metrics        http://localhost:5180/metrics  silo 2: 5181, gateway: 5190 (management ports, loopback only)
$( [ "$mode" = Aws ] && echo "  DynamoDB       http://127.0.0.1:4567 (dynalite, data in data/dynalite)" )
$( [ "$mode" = Aws ] && echo "  Kinesis        http://127.0.0.1:4568 (kinesalite, stream tdeveloper-events, data in data/kinesalite)" )

Press Ctrl-C to stop (gateway, then silos, then the emulator).
EOT
wait || true
