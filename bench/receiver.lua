-- wrk script for bench/receiver.sh: cycles through pre-signed requests (REQS, as written by
-- shared/bench/gen_guide.py) and counts answers in a response() hook:
-- new acknowledgements (200 without "duplicate"), duplicates, and every other status.
local reqs = {}
local path = os.getenv("WPATH") or "/healthie-webhooks"
for line in io.lines(os.getenv("REQS") or "/tmp/reqs.tsv") do
  local body, digest, sig = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
  reqs[#reqs + 1] = wrk.format("POST", path, {
    ["Host"] = os.getenv("WHOST") or "127.0.0.1", ["Content-Type"] = "application/json", ["Content-Digest"] = digest,
    ["Signature-Input"] = 'sig1=("@method" "@path" "@query" "content-digest" "content-type" "content-length");alg="hmac-sha256"',
    ["Signature"] = sig }, body)
end
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end
function init(args)
  n = 0; acked = 0; dup = 0; other = 0; s503 = 0
end
request = function()
  n = n + 1
  return reqs[((n + offset) % #reqs) + 1]
end
function response(status, headers, body)
  if status == 200 then
    if body:find("duplicate", 1, true) then dup = dup + 1 else acked = acked + 1 end
  elseif status == 503 then s503 = s503 + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local a, d, o, u = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acked"); d = d + t:get("dup"); o = o + t:get("other"); u = u + t:get("s503")
  end
  io.write(string.format("COUNTS acked=%d duplicate=%d unavailable=%d other=%d p50_us=%d p99_us=%d rps=%.1f\n",
    a, d, u, o, latency:percentile(50), latency:percentile(99), summary.requests / (summary.duration / 1e6)))
end
