-- Cycles through pre-generated OFREP request bodies (one JSON per line) so every request
-- carries a different targeting key. Args: <bodies file> <sdk key>.
local bodies = {}
local headers = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  headers["Authorization"] = "Bearer " .. args[2]
  headers["Content-Type"] = "application/json"
end

function request()
  i = i % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[i])
end
