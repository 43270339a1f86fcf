# A stand-in for systemd's notification socket (watchdog.test.ts): a unix
# datagram socket at argv[1]; prints each datagram it receives on one line and
# closes any file descriptor passed with it, as systemd does (systemd-notify's
# barrier waits for that close).
import array, os, socket, sys

path = sys.argv[1]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
print("listening", flush=True)
while True:
    data, ancillary, _flags, _addr = sock.recvmsg(4096, socket.CMSG_SPACE(16 * 4) + socket.CMSG_SPACE(12))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(payload[: len(payload) - (len(payload) % fds.itemsize)])
            for fd in fds:
                os.close(fd)
    print(data.decode("utf-8", "replace").replace("\n", " ").strip(), flush=True)
