-- bench/audit_writers.lua — wrk script of bench/run_audit_pg: each wrk thread
-- (one connection each, wrk -tW -cW) is one writer of one district, creating
-- enterprises with its own token and its own list of valid credit codes.
-- args: DIR START — DIR/wK.txt holds writer K's token on the first line and
-- one JSON body a line after it; START skips the bodies earlier runs used.
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end
function init(args)
  local f = assert(io.open(args[1] .. "/w" .. id .. ".txt"))
  token = f:read("*l")
  bodies = {}
  for l in f:lines() do bodies[#bodies + 1] = l end
  f:close()
  i = tonumber(args[2])
end
function request()
  i = i + 1
  return wrk.format("POST", "/api/v1/enterprises",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, bodies[i])
end
