"""Ports for the servers that tests start: a redis-server, a PostgreSQL, gunicorn.

Under pytest-xdist several workers start servers at once, and every process
on the machine opens outgoing connections whose local ports the kernel takes
from its ephemeral range. A port picked there and then released can be taken
by such a connection before the server binds it, or while a test has the
server stopped to restart it on the same port. So each worker takes ports
from a block of its own below that range, which the kernel never hands out by
itself, starting at a random place in the block (another pytest run on the
machine may be using the same worker names).
"""

import os
import random
import socket
from pathlib import Path

BLOCK_START = 20000
BLOCK_SIZE = 500


def _ephemeral_start() -> int:
    try:
        text = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text()
        return int(text.split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def worker_number() -> int:
    """Return this xdist worker's number (gw3 is 3), or 0 outside xdist."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    digits = name.removeprefix("gw")
    return int(digits) if digits.isdigit() else 0


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on, this worker's own."""
    first = BLOCK_START + worker_number() * BLOCK_SIZE
    if first + BLOCK_SIZE <= _ephemeral_start():
        offset = random.randrange(BLOCK_SIZE)
        for step in range(BLOCK_SIZE):
            port = first + (offset + step) % BLOCK_SIZE
            if _is_free(port):
                return port
    # Many workers, or a block all taken: let the kernel choose.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
