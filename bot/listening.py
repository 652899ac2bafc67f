"""Which TCP addresses a child server really listens on, read from Linux's /proc.

The run commands print these rather than the configured ones, so what the operator reads is
what `ss -ltn` shows: a server bound to 0.0.0.0 (every interface) cannot pass for a loopback
one. Each child leads its own session (bot.process.Server), so its session is it and whatever
it started.
"""

from __future__ import annotations

import socket
from pathlib import Path

from bot.process import Server

PROC = Path("/proc")
LISTEN = "0A"  # the state column of /proc/net/tcp
ALL_INTERFACES = ("0.0.0.0", "::")


def session_pids(session: int) -> list[int]:
    """The processes in a session (a child started with start_new_session: pid == session)."""
    pids: list[int] = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session:
            pids.append(int(entry.name))
    return pids


def _socket_inodes(pid: int) -> set[str]:
    inodes: set[str] = set()
    try:
        descriptors = list((PROC / str(pid) / "fd").iterdir())
    except OSError:
        return inodes
    for descriptor in descriptors:
        try:
            target = descriptor.readlink().name
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _address(hex_address: str) -> tuple[str, int]:
    host, port = hex_address.split(":")
    raw = bytes.fromhex(host)
    # Each 32-bit word is in the machine's byte order (little-endian on the machines we run).
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    family = socket.AF_INET if len(raw) == 4 else socket.AF_INET6
    return socket.inet_ntop(family, words), int(port, 16)


def _listening_sockets() -> dict[str, tuple[str, int]]:
    """inode -> (host, port) for every listening TCP socket in this network namespace."""
    found: dict[str, tuple[str, int]] = {}
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            columns = line.split()
            if columns[3] == LISTEN:
                found[columns[9]] = _address(columns[1])
    return found


def listening_addresses(session: int) -> list[tuple[str, int]]:
    """Sorted (host, port) of the TCP sockets the session's processes listen on."""
    inodes: set[str] = set()
    for pid in session_pids(session):
        inodes |= _socket_inodes(pid)
    sockets = _listening_sockets()
    return sorted({sockets[inode] for inode in inodes if inode in sockets})


def format_address(host: str, port: int) -> str:
    """host:port, IPv6 in brackets as `ss` prints it, with a warning for every interface."""
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if host in ALL_INTERFACES:
        shown += "  (every interface: reachable from the network)"
    return shown


def listening_report(servers: list[Server]) -> str:
    """What each server really listens on (read from /proc, as `ss -ltn` shows it)."""
    lines = ["Listening (TCP), as `ss -ltn` shows:"]
    for server in servers:
        addresses = listening_addresses(server.pid) if server.pid is not None else []
        shown = ", ".join(format_address(*a) for a in addresses) or "no port"
        lines.append(f"  {server.name + ':':<26}{shown}")
    return "\n".join(lines) + "\n"
