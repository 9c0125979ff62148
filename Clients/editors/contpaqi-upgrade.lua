-- Neovim: contpaqi-upgrade from Lua, over stdio with LSP framing (Content-Length headers).
-- The service speaks LSP's framing, not LSP: no `initialize`, just its own methods, so this
-- uses Neovim's framing layer (vim.lsp.rpc) and not an LSP client (vim.lsp.start_client).
--   nvim --headless -u NONE -c 'luafile contpaqi-upgrade.lua' -c 'qa!'
local bin = os.getenv("CONTPAQI_UPGRADE_BIN") or "contpaqi-upgrade"
local dispatchers = { on_exit = function() end }
local rpc
if vim.fn.has("nvim-0.10") == 1 then
  rpc = vim.lsp.rpc.start({ bin }, dispatchers)       -- 0.10 and later: a command list
else
  rpc = vim.lsp.rpc.start(bin, {}, dispatchers)       -- 0.7 to 0.9: command, arguments
end

-- Calls `method` and waits for its answer (a plugin would use the callback instead).
local function call(method, params)
  local answer
  rpc.request(method, params, function(err, result) answer = { err = err, result = result } end)
  vim.wait(10000, function() return answer ~= nil end, 10)
  assert(answer, method .. ": no answer")
  if answer.err then error(method .. ": " .. vim.inspect(answer.err)) end
  return answer.result
end

local eligibility = call("checkEligibility", { purchaseDate = "2011-08-15", systemType = "nominas" })
io.stdout:write(eligibility.systemType, ": ", eligibility.reason, "\n")
local catalog = call("getCatalog", {})   -- an empty Lua table goes out as [] or {}: both mean none
io.stdout:write("target version ", catalog.targetVersion, "\n")
local quote = call("quoteSupport", { plan = "annual", systems = 2, date = "2012-01-10" })
io.stdout:write("annual x2 in January: ", quote.total, " ", quote.currency, "\n")
-- Stop the server (0.7's client has no terminate(); closing stdin would do as well).
if rpc.terminate then rpc.terminate() else vim.loop.kill(rpc.pid, 15) end
