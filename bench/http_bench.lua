-- wrk script: cycles through the benchmark query set (bench/search_bench
-- writes WORK/queries.txt, one "query<TAB>kind" per line), each wrk thread
-- starting at its own offset, against one endpoint.
-- Usage: wrk … -s bench/http_bench.lua URL -- /api/v1/search WORK/queries.txt [extra query string]

local queries = {}
local path = "/api/v1/search"
local extra = ""
local counter = 0
local threads = {}

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  path = args[1] or path
  local file = args[2] or "/tmp/fangzhi-bench/queries.txt"
  extra = args[3] or ""
  for line in io.lines(file) do
    local q = line:match("^([^\t]+)")
    if q and #q > 0 then table.insert(queries, "q=" .. urlencode(q)) end
  end
  if #queries == 0 then error("no queries in " .. file) end
  counter = (id or 0) * 997
end

-- Answers served from the server's response cache (X-Cache: hit), counted
-- per thread and summed in done().
hits, misses = 0, 0

function response(status, headers, body)
  if headers["X-Cache"] == "hit" then hits = hits + 1 else misses = misses + 1 end
end

function done(summary, latency, requests)
  local h, m = 0, 0
  for _, t in ipairs(threads) do
    h = h + (t:get("hits") or 0)
    m = m + (t:get("misses") or 0)
  end
  if h + m > 0 then
    io.write(string.format("  response cache: %d hits, %d misses (%.1f %% hits)\n", h, m, 100 * h / (h + m)))
  end
end

function request()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  return wrk.format("GET", path .. "?" .. q .. extra)
end
