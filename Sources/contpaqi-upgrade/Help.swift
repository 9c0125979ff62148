/// `--help`. Keep in step with README.md and API.md §1.
let helpText = """
contpaqi-upgrade — JSON-RPC 2.0 service for the CONTPAQ i free upgrade to the 2012 versions:
eligibility, remote-support quotes and the key-request e-mail with its .xlsx attachment.

Usage:
  contpaqi-upgrade                         serve: on stdin/stdout, or on a socket systemd passed
  contpaqi-upgrade serve --stdio           serve on stdin/stdout, always
  contpaqi-upgrade serve --socket PATH     serve on a Unix socket, many clients at once
  contpaqi-upgrade call [--socket PATH] [--timeout SECONDS] METHOD [PARAMS_JSON]
                                           one call; in-process unless --socket is given
  contpaqi-upgrade schema                  print the OpenRPC document (Schemas/openrpc.json)
  contpaqi-upgrade --help | --version

Server options (serve, or the bare command):
  --socket-mode MODE         permissions of the socket file, octal (default 0600)
  --max-message-bytes N      largest JSON text accepted, in bytes (default 1048576)
  --max-connections N        concurrent socket clients; more are closed at once (default 1024)
  --shutdown-timeout SECONDS after SIGINT/SIGTERM, how long answers to requests already
                             received may take to be read; what a client has not read by
                             then is dropped and counted in the log (default 5; decimals
                             such as 0.5)
  --log-level LEVEL          error | warn | info | debug (default info)
  --log-format FORMAT        text | json: one object per line with time, level, message
                             (default text). Logs go to stderr only.

Call options (before METHOD):
  --socket PATH              call the server listening there instead of running in-process
  --timeout SECONDS          connecting, sending and the answer together take no longer
                             (default 30; decimals such as 0.5; in-process calls ignore it)

Framing is detected per connection: JSON texts (one per line, or pretty-printed), or
LSP-style Content-Length headers when the first byte is 'C'. Under systemd socket
activation (LISTEN_FDS/LISTEN_PID) the inherited socket is served and --socket is not needed.

Methods: getCatalog, checkEligibility, quoteSupport, requestKeys, rpc.discover.

call: the result JSON goes to stdout (exit 0); an RPC error object goes to stderr as JSON
(exit 1). Exit 2: usage error, including PARAMS_JSON that is not JSON. Exit 3: the server
at --socket cannot be reached, sends no answer with the request's id within --timeout,
or sends an answer over 64 MiB; one line on stderr says which.

Examples:
  echo '{"jsonrpc":"2.0","id":1,"method":"checkEligibility","params":{"purchaseDate":"2011-08-15"}}' | contpaqi-upgrade
  contpaqi-upgrade call quoteSupport '{"plan":"annual","systems":2,"date":"2012-01-10"}'
  contpaqi-upgrade call --socket /run/contpaqi-upgrade.sock --timeout 5 getCatalog
  contpaqi-upgrade serve --socket /run/contpaqi-upgrade.sock --socket-mode 0660
"""
