"""RSS of the server: idle, with 1000 idle connections, peak while a 200 MB line is
rejected, peak for one 1 MiB batch of empty objects, and with 1024 connections that each
send the costliest 1 MiB message and never read. Prints one line per figure; used by
Scripts/bench.sh. BIN-independent: run it on an older binary to compare."""
import json, os, resource, socket, subprocess, sys, tempfile, time

binary = sys.argv[1]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))


def status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # MB


def start(path, *extra):
    # The previous server's file would make the wait below return before this one binds.
    if os.path.exists(path):
        os.unlink(path)
    proc = subprocess.Popen([binary, "serve", "--socket", path, *extra], stderr=subprocess.DEVNULL)
    for _ in range(200):
        if os.path.exists(path):
            return proc
        time.sleep(0.01)
    raise SystemExit("server did not start")


def call(sock, payload):
    sock.sendall(payload + b"\n")
    data = bytearray()
    while not data.endswith(b"\n"):
        chunk = sock.recv(1 << 20)
        if not chunk:
            break
        data += chunk
    return bytes(data)


def settle(pid, quiet=0.5):
    """Waits until the server has used no CPU for `quiet` seconds."""
    def ticks():
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    last, since = ticks(), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.05)
        if ticks() != last:
            last, since = ticks(), time.monotonic()


def batch_of(member, size=1 << 20):
    count = (size - 2) // (len(member) + 1)
    return b"[" + b",".join([member] * count) + b"]"


def costliest_message(discover_answer_bytes):
    """The 1 MiB message that pins the most for a client that never reads: rpc.discover
    answers (42 kB each) filling the 1 MiB mark almost exactly, then the largest answer there
    is (requestKeys of 1,000 systems: 66 kB asking for 1.1 MB), and more of those, never run.
    The connection holds the mark, that one answer and the unrun members."""
    discover = b'{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}'
    types = ["Factura electrónica", "Contabilidad", "Nóminas", "Bancos"]
    params = {"company": "Empresa de muestra, S.A. de C.V.", "contactName": "Raul Gonzalez Rivera",
              "contactEmail": "rgonzalez@empresamuestra.com.mx", "sentAt": "2012-01-10T16:30:00-06:00",
              "systems": [{"systemType": types[i % 4], "serialNumber": f"AAAA-BBBB-CCCC-{i:04X}"}
                          for i in range(1000)]}
    keys = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "requestKeys", "params": params},
                      separators=(",", ":"), ensure_ascii=False).encode()
    members = [discover] * (((1 << 20) - 1) // (discover_answer_bytes + 1))
    while sum(map(len, members)) + len(members) + len(keys) + 2 <= 1 << 20:
        members.append(keys)
    return b"[" + b",".join(members) + b"]"


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "s.sock")
    limit = 1 << 20
    proc = start(path, "--max-message-bytes", str(limit))
    request = b'{"jsonrpc":"2.0","id":1,"method":"checkEligibility","params":{"purchaseDate":"2011-08-15"}}'
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(path)
        call(s, request)
    time.sleep(0.2)
    idle = status(proc.pid, "VmRSS")
    print(f"idle RSS                         {idle:7.1f} MB   (target <= 15)")

    clients = []
    for _ in range(1000):
        c = socket.socket(socket.AF_UNIX)
        c.connect(path)
        clients.append(c)
    call(clients[-1], request)
    time.sleep(0.3)
    busy = status(proc.pid, "VmRSS")
    print(f"RSS with 1000 idle connections   {busy:7.1f} MB   (+{busy - idle:.1f}; target <= +30)")
    for c in clients:
        c.close()

    with socket.socket(socket.AF_UNIX) as s:
        s.connect(path)
        chunk = b"x" * (1 << 20)
        s.sendall(b'{"jsonrpc":"2.0","id":2,"method":"checkEligibility","params":{"purchaseDate":"')
        for _ in range(200):
            s.sendall(chunk)
        answer = call(s, b'"}}')
        assert b"-32600" in answer, answer[:200]
        assert b'"id":1' in call(s, request)
    peak = status(proc.pid, "VmHWM")
    print(f"peak RSS after a 200 MB line     {peak:7.1f} MB   "
          f"(target <= idle + 2 x {limit >> 20} MB + 10 = {idle + 2 * limit / 2**20 + 10:.1f})")
    proc.terminate()
    proc.wait(timeout=10)

    # A fresh server for each peak (VmHWM cannot be reset).
    proc = start(path)
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(path)
        call(s, request)
    time.sleep(0.2)
    idle = status(proc.pid, "VmRSS")
    empties = batch_of(b"{}")
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(path)
        answer = call(s, empties)
    settle(proc.pid)
    peak, after = status(proc.pid, "VmHWM"), status(proc.pid, "VmRSS")
    print(f"peak RSS for a 1 MiB [{{}},{{}},...] {peak:7.1f} MB   (+{peak - idle:.1f} = "
          f"{(peak - idle) * 2**20 / len(empties):.1f}x its size; target <= 16x); after {after:.1f} MB; "
          f"answer {len(answer) / 1e6:.0f} MB")
    proc.terminate()
    proc.wait(timeout=10)

    proc = start(path)
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(path)
        discover_answer = call(s, b'{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}')
    time.sleep(0.2)
    idle = status(proc.pid, "VmRSS")
    message = costliest_message(len(discover_answer) - 1) + b"\n"
    clients = []
    for _ in range(1024):
        c = socket.socket(socket.AF_UNIX)
        c.connect(path)
        c.sendall(message)
        clients.append(c)
    settle(proc.pid)
    held = status(proc.pid, "VmRSS")
    peak = status(proc.pid, "VmHWM")
    for c in clients:
        c.close()
    settle(proc.pid)
    time.sleep(0.5)
    after = status(proc.pid, "VmRSS")
    print(f"1024 non-readers, costliest 1 MiB {held:7.1f} MB   (peak {peak:.1f}; {(held - idle) / 1024:.2f} MB each: "
          f"the 1 MiB mark, one 1.1 MB answer, the batch's unrun rest; target < 1024); after they close {after:.1f} MB")
    proc.terminate()
    proc.wait(timeout=10)
