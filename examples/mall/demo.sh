#!/usr/bin/env bash
# Drives a running mall (embedded: examples/mall/run.sh; real: examples/mall/run-real.sh start)
# and says what each step shows.
#
#   examples/mall/demo.sh [user-api-url] [order-api-url] [payment-admin-url]
#   defaults: http://127.0.0.1:8888 http://127.0.0.1:8889 http://127.0.0.1:9031
set -euo pipefail

user_api=${1:-http://127.0.0.1:8888}/api/v1/user
order_api=${2:-http://127.0.0.1:8889}/api/v1/order
payment_admin=${3:-http://127.0.0.1:9031}/admin/mode
json='Content-Type: application/json'

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
say() { printf '   %s\n' "$*"; }

# field NAME < json: the first value of "NAME" (jq when installed, else sed).
field() {
  if command -v jq >/dev/null; then
    jq -r --arg k "$1" '[.. | objects | select(has($k)) | .[$k]][0] // empty'
  else
    sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -n 1
  fi
}

# call METHOD URL [BODY] [TOKEN]: prints "<http status> <body>".
call() {
  local args=(-s -w '\n%{http_code}' -X "$1" "$2" -H "$json")
  if [ -n "${3:-}" ]; then args+=(-d "$3"); fi
  if [ -n "${4:-}" ]; then args+=(-H "Authorization: Bearer $4"); fi
  local out
  out=$(curl "${args[@]}") || { echo "000 (curl failed: is the mall running at $2?)"; return 0; }
  echo "${out##*$'\n'} ${out%$'\n'*}"
}

mobile="13$(printf '%09d' $((RANDOM * 32768 + RANDOM)) | cut -c1-9)"
password=secret123

step "register $mobile"
r=$(call POST "$user_api/register" "{\"mobile\":\"$mobile\",\"password\":\"$password\",\"code\":\"123456\"}")
say "$r"
case "$r" in 000*) exit 1 ;; esac

step "login"
r=$(call POST "$user_api/login" "{\"mobile\":\"$mobile\",\"password\":\"$password\"}")
say "$r"
token=$(echo "${r#* }" | field token)
user_id=$(echo "${r#* }" | field userId)
[ -n "$token" ] || { say "no token in the answer: stopping"; exit 1; }
say "userId $user_id, token ${token:0:24}..."

step "read the user twice"
for n in 1 2; do
  start=$(date +%s%N)
  r=$(call GET "$user_api/$user_id" "" "$token")
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  say "read $n (${ms} ms): $r"
done
say "the first read loaded the row through user-rpc's CachedConn; the second is a cache hit"
say "(key cache:user:id:$user_id; in real mode: redis-cli get cache:user:id:$user_id)"

step "create two orders (payment normal)"
order='{"productId":1,"quantity":1,"paymentMethod":"alipay"}'
for n in 1 2; do
  r=$(call POST "$order_api/create" "$order" "$token")
  say "order $n: $r"
done

step "make payment slow: PUT $payment_admin"
say "$(call PUT "$payment_admin" '{"mode":"slow","delayMs":3000}')"
say "orders now exceed their deadline at payment; order-rpc's breaker falls back to PENDING"
for n in 1 2 3 4 5 6; do
  r=$(call POST "$order_api/create" "$order" "$token")
  status=$(echo "${r#* }" | field status)
  say "order $n: status ${status:-?}  ($r)"
done
say "PENDING = \"订单已提交,支付结果稍后通知\": the order is kept, payment is reported later"

step "payment back to normal"
say "$(call PUT "$payment_admin" '{"mode":"normal"}')"
r=$(call POST "$order_api/create" "$order" "$token")
say "order: $r"
say "(the breaker closes again once its window sees successes)"

step "burst 40 concurrent registrations: the token limiter answers 429"
# One curl sends all 40 at once (--parallel): one by one, or from 40 curl processes, they arrive
# slower than the limiter refills (Rate 10/s, Burst 20). The mobiles are malformed so that an
# admitted request is refused at once (200, code 2004) instead of hashing a password: 40 hashes
# at once would trip the CPU shedder (503) of a small machine before the limiter shows.
declare -A codes=()
requests=""
for n in $(seq 40); do
  m="0$n"
  [ -z "$requests" ] || requests+=$'next\n'
  requests+="url = \"$user_api/register\"
request = POST
header = \"$json\"
data = \"{\\\"mobile\\\":\\\"$m\\\",\\\"password\\\":\\\"$password\\\",\\\"code\\\":\\\"123456\\\"}\"
output = /dev/null
write-out = \"%{http_code}\\n\"
"
done
burst=$(printf '%s' "$requests" | curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max 40 -K -)
for c in $burst; do codes[$c]=$(( ${codes[$c]:-0} + 1 )); done
for c in "${!codes[@]}"; do say "HTTP $c: ${codes[$c]} times"; done
if [ -n "${codes[429]:-}" ]; then say "429 = the limiter said 请求过于频繁,请稍后重试"; else say "no 429: the limiter's burst was not exceeded"; fi
if [ -n "${codes[503]:-}" ]; then
  say "503 = the server's adaptive shedder (CPU above 90%) or the route's breaker answered first:"
  say "the machine is busy (the registrations before the burst hashed passwords)"
fi

step "what to look at next"
say "metrics: curl -s http://127.0.0.1:6060/metrics | grep mall_   (real mode: :6472 order-rpc, :6473 payment-rpc)"
say "(the counter mall_order_created_total is exposed as mall_order_total: Prometheus reserves _created)"
say "notification-mq logged one 'sms to user:$user_id' line per order event"
