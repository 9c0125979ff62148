"""RSS of the server: idle, with 1000 idle connections, and peak while a 200 MB line is
rejected. Prints one line per figure; used by Scripts/bench.sh."""
import os, resource, socket, subprocess, sys, tempfile, time

binary = sys.argv[1]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))


def status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # MB


def start(path, *extra):
    proc = subprocess.Popen([binary, "serve", "--socket", path, *extra], stderr=subprocess.DEVNULL)
    for _ in range(200):
        if os.path.exists(path):
            return proc
        time.sleep(0.01)
    raise SystemExit("server did not start")


def call(sock, payload):
    sock.sendall(payload + b"\n")
    data = b""
    while not data.endswith(b"\n"):
        data += sock.recv(65536)
    return data


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
