"""Loopback ports for the cluster tests and benchmark."""

import socket


def free_ports(n):
    """n distinct ports that are free for both UDP and TCP now (a race with
    other programs remains, as with any port picked ahead of time)."""
    ports, held = [], []
    while len(ports) < n:
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.bind(("127.0.0.1", 0))
        port = tcp.getsockname()[1]
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            udp.bind(("127.0.0.1", port))
        except OSError:
            tcp.close()
            udp.close()
            continue
        held += [tcp, udp]
        ports.append(port)
    for s in held:
        s.close()
    return ports
