-- wrk: POSTs an order of a VPS to /vpses. The arguments after "--" are the file with the order's
-- JSON and, optionally, the aps.id in it: each request then orders a new VPS, the id replaced by one
-- of its own. Without it every request sends the same order again, as a controller's polls do.
-- Every request has a transaction ID of its own; the other APS headers come from wrk's -H options.
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("tag", threads)
end

function init(args)
    local file = assert(io.open(args[1]))
    order = file:read("*a")
    file:close()
    placeholder = args[2] and args[2]:gsub("%-", "%%-")
    run = os.time() % 0x100000000
    sent = 0
end

local function uuid(kind)
    return string.format("%08x-%04x-4%03x-8000-%012x", run, tag, kind, sent)
end

function request()
    sent = sent + 1
    local body = placeholder and order:gsub(placeholder, uuid(1)) or order
    wrk.headers["APS-Transaction-ID"] = uuid(2)
    return wrk.format("POST", "/vpses", nil, body)
end
