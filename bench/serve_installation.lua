-- wrk script for bench/serve_load.sh: GET /v1/installations/{id} for ids drawn at random from
-- the file named by S1MIG_IDS (one id per line, URL-safe). The token comes from S1MIG_TOKEN.
local ids = {}
local token = os.getenv("S1MIG_TOKEN")

function init(args)
  for line in io.lines(os.getenv("S1MIG_IDS")) do ids[#ids + 1] = line end
  math.randomseed(os.time() + #ids)
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/v1/installations/" .. id .. "?as_of=2021-10-13T09:00:00Z",
                    { ["Authorization"] = "Bearer " .. token })
end
